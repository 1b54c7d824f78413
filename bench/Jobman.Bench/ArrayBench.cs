using System.Globalization;
using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Bench;

/// <summary>
/// Job arrays (issue 17): <c>list</c> and <c>details</c> of one Indexed Job of 1,000 tasks with a pod each: wall time
/// and the HTTP requests each made, which must not grow with the number of tasks.
/// </summary>
internal sealed class ArrayBench(BenchContext context, FigureWriter figures)
{
    private const int Tasks = 1000;
    private const string Ns = "array-bench";

    public async Task RunAsync()
    {
        await using var cluster = await KubernetesApiServer.StartAsync();
        var token = cluster.AddUser("bench", Ns);
        Console.Error.WriteLine($"# array: seeding one Indexed Job of {Tasks} tasks and their pods...");
        // Not run by the double's job controller: a state in the middle of a run, as the controller would leave it.
        var job = cluster.Store.PutJob(Ns, Job(), managed: false);
        var uid = job["metadata"]!["uid"]!.GetValue<string>();
        for (var i = 0; i < Tasks; i++)
        {
            cluster.Store.PutPod(Ns, Pod(i, uid));
        }

        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(context.Work, "kubeconfig-array"), token, Ns);
        var environment = context.Environment("array", ("KUBECONFIG", kubeconfig));
        foreach (var (name, args) in new[] { ("list", new[] { "list" }), ("details", new[] { "details", "-j", "sweep" }) })
        {
            await ListBench.MeasureWallAndRequestsAsync(context, figures, cluster, environment, $"array.tasks_{Tasks}", name, args);
        }
    }

    private static JsonObject Job() => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = "sweep",
            ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "jobman" },
            ["annotations"] = new JsonObject { ["jobman.io/array"] = $"0-{Tasks - 1}" },
        },
        ["spec"] = new JsonObject
        {
            ["completions"] = Tasks,
            ["parallelism"] = 40,
            ["completionMode"] = "Indexed",
            ["backoffLimitPerIndex"] = 1,
            ["template"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["restartPolicy"] = "Never",
                    ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "registry.example/ml/trainer:1.4.2" }),
                },
            },
        },
        ["status"] = new JsonObject
        {
            ["startTime"] = "2026-12-01T10:00:00Z",
            ["active"] = 40,
            ["ready"] = 40,
            ["succeeded"] = 950,
            ["failed"] = 20,
            ["completedIndexes"] = "0-949",
            ["failedIndexes"] = "950-959",
        },
    };

    private static JsonObject Pod(int index, string jobUid)
    {
        var text = index.ToString(CultureInfo.InvariantCulture);
        var (phase, state) = index < 950 ? ("Succeeded", new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 0, ["reason"] = "Completed" } })
            : index < 960 ? ("Failed", new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 1, ["reason"] = "Error" } })
            : ("Running", new JsonObject { ["running"] = new JsonObject { ["startedAt"] = "2026-12-01T10:05:00Z" } });
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = $"sweep-{text}-abcde",
                ["labels"] = new JsonObject
                {
                    ["batch.kubernetes.io/job-name"] = "sweep",
                    ["batch.kubernetes.io/controller-uid"] = jobUid,
                    ["batch.kubernetes.io/job-completion-index"] = text,
                },
                ["annotations"] = new JsonObject { ["batch.kubernetes.io/job-completion-index"] = text },
            },
            ["spec"] = new JsonObject { ["nodeName"] = "node-1", ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "registry.example/ml/trainer:1.4.2" }) },
            ["status"] = new JsonObject
            {
                ["phase"] = phase,
                ["containerStatuses"] = new JsonArray(new JsonObject { ["name"] = "main", ["state"] = state }),
            },
        };
    }
}
