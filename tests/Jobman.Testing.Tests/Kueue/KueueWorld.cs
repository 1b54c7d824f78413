using System.Net;
using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;
using Jobman.Testing.Tests.Kubernetes;

namespace Jobman.Testing.Tests.Kueue;

/// <summary>A double with Kueue, one flavor, one ClusterQueue of a given CPU quota and LocalQueue <c>lq</c> in team-a; jobs hold until released.</summary>
internal sealed class KueueWorld : IAsyncDisposable
{
    private const string Ns = "team-a";

    private KueueWorld(KubernetesApiServer server, ApiClient api)
    {
        Server = server;
        Api = api;
    }

    public KubernetesApiServer Server { get; }

    public ApiClient Api { get; }

    public static async Task<KueueWorld> StartAsync(string cpuQuota, string strategy = "BestEffortFIFO", string? preemption = null, JsonObject? nodeLabels = null)
    {
        var server = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { Kueue = true, PodRetryDelay = TimeSpan.Zero });
        var api = new ApiClient(server, server.AddUser("alice", Ns));
        var flavor = new JsonObject { ["apiVersion"] = "kueue.x-k8s.io/v1beta2", ["kind"] = "ResourceFlavor", ["metadata"] = new JsonObject { ["name"] = "default-flavor" } };
        if (nodeLabels is not null)
        {
            flavor["spec"] = new JsonObject { ["nodeLabels"] = nodeLabels };
        }

        server.Store.PutKueue(flavor);
        var spec = new JsonObject
        {
            ["namespaceSelector"] = new JsonObject(),
            ["queueingStrategy"] = strategy,
            ["resourceGroups"] = new JsonArray(new JsonObject
            {
                ["coveredResources"] = new JsonArray("cpu", "memory"),
                ["flavors"] = new JsonArray(new JsonObject
                {
                    ["name"] = "default-flavor",
                    ["resources"] = new JsonArray(
                        new JsonObject { ["name"] = "cpu", ["nominalQuota"] = cpuQuota },
                        new JsonObject { ["name"] = "memory", ["nominalQuota"] = "64Gi" }),
                }),
            }),
        };
        if (preemption is not null)
        {
            spec["preemption"] = new JsonObject { ["withinClusterQueue"] = preemption };
        }

        server.Store.PutKueue(new JsonObject { ["apiVersion"] = "kueue.x-k8s.io/v1beta2", ["kind"] = "ClusterQueue", ["metadata"] = new JsonObject { ["name"] = "cq" }, ["spec"] = spec });
        server.Store.PutKueue(new JsonObject
        {
            ["apiVersion"] = "kueue.x-k8s.io/v1beta2",
            ["kind"] = "LocalQueue",
            ["metadata"] = new JsonObject { ["name"] = "lq", ["namespace"] = Ns },
            ["spec"] = new JsonObject { ["clusterQueue"] = "cq" },
        });
        return new KueueWorld(server, api);
    }

    public static JsonObject PriorityClass(string name, int value) => new()
    {
        ["apiVersion"] = "kueue.x-k8s.io/v1beta2",
        ["kind"] = "WorkloadPriorityClass",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["value"] = value,
    };

    public static JsonObject QueuedJob(string name, string cpu, string queue, string? priorityClass, string? gpus)
    {
        var job = TestJobs.Job(name, "true", backoffLimit: 0);
        var labels = new JsonObject { ["kueue.x-k8s.io/queue-name"] = queue };
        if (priorityClass is not null)
        {
            labels["kueue.x-k8s.io/priority-class"] = priorityClass;
        }

        job["metadata"]!["labels"] = labels;
        var requests = new JsonObject { ["cpu"] = cpu, ["memory"] = "100Mi" };
        if (gpus is not null)
        {
            requests["nvidia.com/gpu"] = gpus;
        }

        job["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"] = new JsonObject { ["requests"] = requests };
        return job;
    }

    public async Task SubmitAsync(string name, string cpu, string queue = "lq", string? priorityClass = null, string? gpus = null)
    {
        Server.Scenarios.For(name, JobScenario.Hold);
        var created = await Api.PostAsync($"/apis/batch/v1/namespaces/{Ns}/jobs", QueuedJob(name, cpu, queue, priorityClass, gpus));
        created.Status.Should().Be(HttpStatusCode.Created, created.Body);
        created.Json["spec"]!["suspend"]!.GetValue<bool>().Should().BeTrue("Kueue's webhook suspends queued jobs");
    }

    public JsonObject Job(string name) => Server.Store.GetJob(Ns, name)!;

    public JsonObject Workload(string job) =>
        Server.Store.Workloads(Ns).Single(w => w["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>() == job);

    public string? Condition(string job, string type) =>
        Server.Store.Workloads(Ns).SingleOrDefault(w => w["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>() == job) is { } workload
            ? (workload["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]!.GetValue<string>() == type)?["status"]?.GetValue<string>()
            : null;

    public async Task<JsonObject> WaitConditionAsync(string job, string type, string status)
    {
        await Poll.UntilAsync(() => Condition(job, type), s => s == status, $"{job}: {type}={status}");
        return Workload(job);
    }

    public async Task WaitAdmittedAsync(string job)
    {
        await WaitConditionAsync(job, "Admitted", "True");
        await Poll.UntilAsync(() => Job(job)["spec"]!["suspend"]!.GetValue<bool>(), s => !s, $"{job} unsuspended");
    }

    /// <summary>
    /// Waits until the ClusterQueue's status counts <paramref name="pending"/> workloads: the status is written in
    /// the same controller pass as admission, so by then the scheduler has seen them all.
    /// </summary>
    public async Task WaitPendingCountAsync(int pending) =>
        await Poll.UntilAsync(() => Server.Store.GetClusterQueue("cq")?["status"]?["pendingWorkloads"]?.GetValue<int>(), n => n == pending, $"{pending} pending in the ClusterQueue");

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        var errors = Server.BackgroundErrors;
        await Server.DisposeAsync();
        errors.Should().BeEmpty();
    }
}
