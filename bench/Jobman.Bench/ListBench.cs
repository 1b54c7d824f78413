using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Bench;

/// <summary>
/// <c>jobman list</c> against the Kubernetes API double seeded with finished jobman jobs (one pod each), beside
/// <c>kubectl get jobs</c> on the same server: wall time, peak memory and the HTTP requests each made.
/// </summary>
internal sealed class ListBench(BenchContext context, FigureWriter figures)
{
    private static readonly DateTimeOffset Origin = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task RunAsync()
    {
        if (context.Kubectl is null)
        {
            Console.Error.WriteLine("# list: kubectl not on PATH; kubectl figures are skipped");
        }

        var floor = await ToolInstaller.BuildFloorAsync(BenchContext.FindRepositoryRoot(), context.Work);
        await using var cluster = await KubernetesApiServer.StartAsync();
        var caFile = Path.Combine(context.Work, "cluster-ca.pem");
        await File.WriteAllTextAsync(caFile, cluster.CaCertificatePem);
        var namespaces = context.Options.ListSizes.Select(n => $"list-{n}").ToArray();
        var token = cluster.AddUser("bench", namespaces);
        foreach (var size in context.Options.ListSizes)
        {
            var ns = $"list-{size}";
            Console.Error.WriteLine($"# list: seeding {size} jobs and pods in {ns}...");
            Seed(cluster, ns, size);

            var kubeconfig = cluster.WriteKubeconfig(Path.Combine(context.Work, $"kubeconfig-{ns}"), token, ns);
            var environment = context.Environment("list", ("KUBECONFIG", kubeconfig));
            var prefix = $"list.jobs_{size}";
            var jobman = await MeasureAsync(cluster, context.Jobman, ["list"], environment, size);
            figures.Add($"{prefix}.jobman_wall", jobman.Wall, "ms");
            figures.Add($"{prefix}.jobman_peak_rss", jobman.Peak, "MB");
            figures.Add($"{prefix}.jobman_requests", jobman.Requests, "requests");
            var floorEnvironment = context.Environment(
                "list", ("FLOOR_SERVER", cluster.BaseUri.ToString()), ("FLOOR_TOKEN", token), ("FLOOR_CA_FILE", caFile), ("FLOOR_NAMESPACE", ns));
            var dotnetFloor = await MeasureAsync(cluster, floor, [], floorEnvironment, size);
            figures.Add($"{prefix}.dotnet_floor_wall", dotnetFloor.Wall, "ms");
            figures.Add($"{prefix}.dotnet_floor_requests", dotnetFloor.Requests, "requests");
            if (context.Kubectl is not null)
            {
                var kubectl = await MeasureAsync(cluster, context.Kubectl, ["get", "jobs"], environment, size);
                figures.Add($"{prefix}.kubectl_wall", kubectl.Wall, "ms");
                figures.Add($"{prefix}.kubectl_peak_rss", kubectl.Peak, "MB");
                figures.Add($"{prefix}.kubectl_requests", kubectl.Requests, "requests");
                figures.Add($"{prefix}.jobman_vs_kubectl", jobman.Wall / kubectl.Wall, "x");
                figures.Add($"{prefix}.dotnet_floor_vs_kubectl", dotnetFloor.Wall / kubectl.Wall, "x");
            }
        }
    }

    /// <summary>Serves a seeded cluster until stdin closes, for profiling jobman by hand (<c>--serve N</c>).</summary>
    public static async Task ServeAsync(int size, string folder)
    {
        await using var cluster = await KubernetesApiServer.StartAsync();
        var token = cluster.AddUser("bench", "bench");
        Seed(cluster, "bench", size);
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(folder, "kubeconfig"), token, "bench");
        Console.WriteLine($"KUBECONFIG={kubeconfig}");
        Console.Error.WriteLine($"# serving {size} jobs at {cluster.BaseUri}; close stdin (Ctrl+D) to stop");
        await Console.In.ReadToEndAsync();
    }

    internal static void Seed(KubernetesApiServer cluster, string ns, int size)
    {
        for (var i = 0; i < size; i++)
        {
            var name = $"train-{i:D5}";
            var created = Origin.AddSeconds(i * 10);
            cluster.Store.PutJob(ns, Job(name, created), managed: false);
            cluster.Store.PutPod(ns, Pod(name, created));
        }
    }

    private async Task<(double Wall, double Peak, double Requests)> MeasureAsync(
        KubernetesApiServer cluster, string command, string[] args, Dictionary<string, string?> environment, int size)
    {
        // One warm-up run: kubectl fills its discovery cache, the OS its page cache; users see warm runs.
        (await ChildProcess.RunAsync(command, args, environment)).EnsureSucceeded(command);
        var walls = new List<double>();
        var peaks = new List<double>();
        var requests = new List<double>();
        for (var run = 0; run < context.Options.Runs; run++)
        {
            cluster.ClearRequests();
            var result = (await ChildProcess.RunAsync(command, args, environment)).EnsureSucceeded(command);
            var rows = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
            if (rows != size)
            {
                throw new InvalidOperationException($"{command} {string.Join(' ', args)} printed {rows} rows, expected {size}");
            }

            walls.Add(result.Wall.TotalMilliseconds);
            peaks.Add(result.PeakMegabytes);
            requests.Add(await SettledRequestCountAsync(cluster));
        }

        return (FigureWriter.Median(walls), FigureWriter.Median(peaks), requests.Max());
    }

    /// <summary>
    /// Runs <paramref name="args"/> once to warm up, then <see cref="BenchOptions.Runs"/> times, and adds the median
    /// wall and the most HTTP requests one run made as <c>{prefix}.{name}_wall</c> and <c>_requests</c>.
    /// </summary>
    internal static async Task MeasureWallAndRequestsAsync(BenchContext context, FigureWriter figures, KubernetesApiServer cluster, IReadOnlyDictionary<string, string?> environment, string prefix, string name, string[] args)
    {
        (await ChildProcess.RunAsync(context.Jobman, args, environment)).EnsureSucceeded(name);
        var walls = new List<double>();
        var requests = 0;
        for (var run = 0; run < context.Options.Runs; run++)
        {
            cluster.ClearRequests();
            var result = (await ChildProcess.RunAsync(context.Jobman, args, environment, keepStdout: false)).EnsureSucceeded(name);
            walls.Add(result.Wall.TotalMilliseconds);
            requests = Math.Max(requests, await SettledRequestCountAsync(cluster));
        }

        figures.Add($"{prefix}.{name}_wall", FigureWriter.Median(walls), "ms");
        figures.Add($"{prefix}.{name}_requests", requests, "requests");
    }

    /// <summary>The double records a request when its response ends, which may be just after the client exited.</summary>
    internal static async Task<int> SettledRequestCountAsync(KubernetesApiServer cluster)
    {
        var count = cluster.Requests.Count;
        var deadline = DateTime.UtcNow.AddSeconds(2);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            var now = cluster.Requests.Count;
            if (now == count)
            {
                return count;
            }

            count = now;
        }

        return count;
    }

    private static JsonObject Job(string name, DateTimeOffset created)
    {
        var started = created.AddSeconds(5);
        var finished = started.AddMinutes(3);
        return JsonNode.Parse(JsonTemplate.Fill("""
            {"apiVersion":"batch/v1","kind":"Job",
             "metadata":{"name":"@0@","creationTimestamp":"@1@",
               "labels":{"app.kubernetes.io/managed-by":"jobman","chaimeleon.eu/jobResourcesFlavor":"no-gpu"}},
             "spec":{"backoffLimit":0,"template":{"metadata":{"labels":{"app.kubernetes.io/managed-by":"jobman"}},
               "spec":{"restartPolicy":"Never","containers":[{"name":"main","image":"registry.example/ml/trainer:1.4.2",
                 "command":["python","train.py"],"resources":{"requests":{"cpu":"1","memory":"4Gi"},"limits":{"cpu":"2","memory":"4Gi"}}}]}}},
             "status":{"startTime":"@2@","completionTime":"@3@","succeeded":1,"ready":0,"terminating":0,
               "uncountedTerminatedPods":{},
               "conditions":[
                 {"type":"SuccessCriteriaMet","status":"True","lastProbeTime":"@4@","lastTransitionTime":"@5@","reason":"CompletionsReached","message":"Reached expected number of succeeded pods"},
                 {"type":"Complete","status":"True","lastProbeTime":"@6@","lastTransitionTime":"@7@","reason":"CompletionsReached","message":"Reached expected number of succeeded pods"}]}}
            """, name, Time(created), Time(started), Time(finished), Time(finished), Time(finished), Time(finished), Time(finished)))!.AsObject();
    }

    private static JsonObject Pod(string job, DateTimeOffset created)
    {
        var started = created.AddSeconds(5);
        var finished = started.AddMinutes(3);
        return JsonNode.Parse(JsonTemplate.Fill("""
            {"apiVersion":"v1","kind":"Pod",
             "metadata":{"name":"@0@-x7k2p","creationTimestamp":"@1@",
               "labels":{"batch.kubernetes.io/job-name":"@2@","job-name":"@3@","app.kubernetes.io/managed-by":"jobman"}},
             "spec":{"nodeName":"bench-node","restartPolicy":"Never","containers":[{"name":"main","image":"registry.example/ml/trainer:1.4.2"}]},
             "status":{"phase":"Succeeded","startTime":"@4@",
               "containerStatuses":[{"name":"main","ready":false,"restartCount":0,"image":"registry.example/ml/trainer:1.4.2",
                 "state":{"terminated":{"exitCode":0,"reason":"Completed","startedAt":"@5@","finishedAt":"@6@"}}}]}}
            """, job, Time(created), job, job, Time(started), Time(started), Time(finished)))!.AsObject();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
