using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;
using Jobman.Sandbox.Kubernetes.Kueue;

namespace Jobman.Bench;

/// <summary>
/// Kueue (issue 16): <c>list</c>, <c>list -o wide</c> (queue positions) and <c>queue</c> with 1,000 jobs waiting in one
/// LocalQueue of a ClusterQueue that admits one at a time: wall time and the HTTP requests each made, which must not
/// grow with the number of jobs.
/// </summary>
internal sealed class KueueBench(BenchContext context, FigureWriter figures)
{
    private const int Jobs = 1000;
    private const string Ns = "kueue-bench";

    public async Task RunAsync()
    {
        await using var cluster = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { Kueue = true });
        var token = cluster.AddUser("bench", Ns);
        cluster.Store.PutKueue(KueueObjects.ResourceFlavor("default-flavor"));
        cluster.Store.PutKueue(KueueObjects.ClusterQueue("cluster-queue", flavors: new KueueObjects.FlavorQuota("default-flavor", ("cpu", "1"), ("memory", "4Gi"))));
        cluster.Store.PutKueue(KueueObjects.LocalQueue(Ns, "user-queue", "cluster-queue"));
        Console.Error.WriteLine($"# kueue: seeding {Jobs} queued jobs; the double's Kueue controller makes their workloads...");
        for (var i = 0; i < Jobs; i++)
        {
            // Not run by the double's job controller: only Kueue's objects matter here.
            cluster.Store.PutJob(Ns, Job($"queued-{i:D4}"), managed: false);
        }

        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (cluster.Store.LocalQueues(Ns).Single()["status"]?["pendingWorkloads"]?.GetValue<int>() != Jobs - 1)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("the Kueue double did not queue the jobs within 5 minutes");
            }

            await Task.Delay(100);
        }

        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(context.Work, "kubeconfig-kueue"), token, Ns);
        var environment = context.Environment("kueue", ("KUBECONFIG", kubeconfig));
        foreach (var (name, args) in new[] { ("list", new[] { "list" }), ("list_wide", new[] { "list", "-o", "wide" }), ("queue", new[] { "queue" }) })
        {
            await ListBench.MeasureWallAndRequestsAsync(context, figures, cluster, environment, $"kueue.jobs_{Jobs}", name, args);
        }
    }

    private static JsonObject Job(string name) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "jobman", ["kueue.x-k8s.io/queue-name"] = "user-queue" },
        },
        ["spec"] = new JsonObject
        {
            ["suspend"] = true,
            ["template"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["restartPolicy"] = "Never",
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "main",
                        ["image"] = "registry.example/ml/trainer:1.4.2",
                        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "1", ["memory"] = "4Gi" } },
                    }),
                },
            },
        },
    };
}
