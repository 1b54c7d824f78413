using System.Text.Json.Nodes;
using Jobman.Testing.Cli;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Plugins.KubernetesQueue.Tests.Cluster;

/// <summary>
/// The Kubernetes API double plus what queue tests need: a publisher identity (cluster reader), users with their
/// own namespace, job seeding with pods in a given phase, and runners of the real jobman host with this plugin.
/// </summary>
internal sealed class QueueCluster : IAsyncDisposable
{
    public const string QueueNamespace = "jobman-queue";
    public const string QueueConfigMap = "jobman-queue-position";
    public const string FlavorAnnotation = "chaimeleon.eu/jobResourcesFlavor";

    public static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly List<JobmanRunner> _runners = [];

    private QueueCluster(KubernetesApiServer api)
    {
        Api = api;
        PublisherToken = api.AddClusterReader("system:serviceaccount:jobman-queue:jobman-queue-publisher");
        api.Store.CreateNamespace(QueueNamespace);
    }

    public KubernetesApiServer Api { get; }

    public string PublisherToken { get; }

    public static async Task<QueueCluster> StartAsync(bool kueue = false) =>
        new(await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { Kueue = kueue }));

    /// <summary>Settings every runner gets: the queue ConfigMap location and the GPU resource names.</summary>
    public static string Settings(string extra = "") => $$"""
        {
          "jobsQueue": { "namespace": "{{QueueNamespace}}", "configmap": "{{QueueConfigMap}}", "gpuResources": ["nvidia.com/gpu"] }{{extra}}
        }
        """;

    /// <summary>A jobman run as <paramref name="token"/>'s user, current namespace <paramref name="ns"/>.</summary>
    public JobmanRunner Runner(string token, string? ns, string? settings = null)
    {
        var runner = new JobmanRunner().WithPlugin(new KubernetesQueuePlugin()).WithUserSettings(settings ?? Settings());
        runner.Environment["KUBECONFIG"] = Api.WriteKubeconfig(Path.Combine(runner.HomeDirectory, "kubeconfig.yaml"), token, ns);
        _runners.Add(runner);
        return runner;
    }

    /// <summary>The publisher's runner (kubeconfig without a namespace, like in-cluster).</summary>
    public JobmanRunner Publisher(string? settings = null) => Runner(PublisherToken, null, settings);

    /// <summary>A user allowed only in <paramref name="ns"/> plus, when <paramref name="canReadQueue"/>, the queue namespace.</summary>
    public JobmanRunner User(string name, string ns, bool canReadQueue = true) =>
        Runner(canReadQueue ? Api.AddUser(name, ns, QueueNamespace) : Api.AddUser(name, ns), ns);

    /// <summary>
    /// Stores a job (not run by the double's controller) and, unless <paramref name="podPhase"/> is null, one pod of it;
    /// with <paramref name="kueueQueue"/> it joins that Kueue LocalQueue (on a cluster started with Kueue).
    /// </summary>
    public JsonObject AddJob(string ns, string name, DateTimeOffset created, string? podPhase, string? flavor = "no-gpu", string cpu = "1", string memory = "4Gi", string? gpu = null, JsonObject? status = null, bool suspend = false, string? kueueQueue = null)
    {
        var requests = new JsonObject { ["cpu"] = cpu, ["memory"] = memory };
        if (gpu is not null)
        {
            requests["nvidia.com/gpu"] = gpu;
        }

        var job = new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["creationTimestamp"] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["annotations"] = flavor is null ? new JsonObject() : new JsonObject { [FlavorAnnotation] = flavor },
            },
            ["spec"] = new JsonObject
            {
                ["suspend"] = suspend,
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["restartPolicy"] = "Never",
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "main",
                            ["image"] = "busybox",
                            ["resources"] = new JsonObject { ["requests"] = requests },
                        }),
                    },
                },
            },
            ["status"] = status ?? new JsonObject { ["active"] = podPhase is null ? 0 : 1 },
        };
        if (kueueQueue is not null)
        {
            job["metadata"]!["labels"] = new JsonObject { ["kueue.x-k8s.io/queue-name"] = kueueQueue };
        }

        var stored = Api.Store.PutJob(ns, job, managed: false);
        if (podPhase is not null)
        {
            var uid = stored["metadata"]!["uid"]!.GetValue<string>();
            Api.Store.PutPod(ns, new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = name + "-x7k2p",
                    ["labels"] = new JsonObject
                    {
                        ["batch.kubernetes.io/controller-uid"] = uid,
                        ["batch.kubernetes.io/job-name"] = name,
                        ["controller-uid"] = uid,
                        ["job-name"] = name,
                    },
                    ["ownerReferences"] = new JsonArray(new JsonObject
                    {
                        ["apiVersion"] = "batch/v1", ["kind"] = "Job", ["name"] = name, ["uid"] = uid, ["controller"] = true, ["blockOwnerDeletion"] = true,
                    }),
                },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "busybox" }) },
                ["status"] = new JsonObject { ["phase"] = podPhase },
            });
        }

        return stored;
    }

    /// <summary>The queue JSON in the ConfigMap, or null.</summary>
    public string? QueueJson() =>
        Api.Store.GetConfigMap(QueueNamespace, QueueConfigMap)?["data"]?[QueueConfigMap]?.GetValue<string>();

    public void PutQueue(string json) =>
        Api.Store.PutConfigMap(QueueNamespace, QueueConfigMap, new Dictionary<string, string> { [QueueConfigMap] = json });

    public async ValueTask DisposeAsync()
    {
        foreach (var runner in _runners)
        {
            runner.Dispose();
        }

        await Api.DisposeAsync();
    }
}
