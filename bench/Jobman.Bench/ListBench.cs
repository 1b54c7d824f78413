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
            var floorEnvironment = context.Environment(
                "list", ("FLOOR_SERVER", cluster.BaseUri.ToString()), ("FLOOR_TOKEN", token), ("FLOOR_CA_FILE", caFile), ("FLOOR_NAMESPACE", ns));
            var tools = new List<Tool> { new("jobman", context.Jobman, ["list"], environment), new("dotnet_floor", floor, [], floorEnvironment) };
            if (context.Kubectl is not null)
            {
                tools.Add(new("kubectl", context.Kubectl, ["get", "jobs"], environment));
            }

            var measured = await MeasureInterleavedAsync(cluster, tools, size);
            var prefix = $"list.jobs_{size}";
            foreach (var (tool, (wall, peak, requests)) in measured)
            {
                figures.Add($"{prefix}.{tool}_wall", wall, "ms");
                if (tool != "dotnet_floor")
                {
                    figures.Add($"{prefix}.{tool}_peak_rss", peak, "MB");
                }

                figures.Add($"{prefix}.{tool}_requests", requests, "requests");
            }

            figures.Add($"{prefix}.jobman_vs_dotnet_floor", measured["jobman"].Wall / measured["dotnet_floor"].Wall, "x");
            if (measured.TryGetValue("kubectl", out var kubectl))
            {
                figures.Add($"{prefix}.jobman_vs_kubectl", measured["jobman"].Wall / kubectl.Wall, "x");
                figures.Add($"{prefix}.dotnet_floor_vs_kubectl", measured["dotnet_floor"].Wall / kubectl.Wall, "x");
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
            var job = cluster.Store.PutJob(ns, Job(name, created), managed: false);
            cluster.Store.PutPod(ns, Pod(name, created, (string)job["metadata"]!["uid"]!));
        }
    }

    /// <summary>
    /// Runs each tool once to warm up (kubectl fills its discovery cache, the OS its page cache; users see warm runs),
    /// then <see cref="BenchOptions.Runs"/> rounds of one run of each, so that load from other work on the machine
    /// hits all of them alike: the ratios are the point.
    /// </summary>
    private async Task<Dictionary<string, (double Wall, double Peak, double Requests)>> MeasureInterleavedAsync(
        KubernetesApiServer cluster, List<Tool> tools, int size)
    {
        foreach (var tool in tools)
        {
            (await ChildProcess.RunAsync(tool.Command, tool.Args, tool.Environment)).EnsureSucceeded(tool.Command);
        }

        var runs = tools.ToDictionary(t => t.Name, _ => (Walls: new List<double>(), Peaks: new List<double>(), Requests: new List<double>()));
        for (var run = 0; run < context.Options.Runs; run++)
        {
            foreach (var tool in tools)
            {
                cluster.ClearRequests();
                var result = (await ChildProcess.RunAsync(tool.Command, tool.Args, tool.Environment)).EnsureSucceeded(tool.Command);
                var rows = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
                if (rows != size)
                {
                    throw new InvalidOperationException($"{tool.Command} {string.Join(' ', tool.Args)} printed {rows} rows, expected {size}");
                }

                runs[tool.Name].Walls.Add(result.Wall.TotalMilliseconds);
                runs[tool.Name].Peaks.Add(result.PeakMegabytes);
                runs[tool.Name].Requests.Add(await SettledRequestCountAsync(cluster));
            }
        }

        return runs.ToDictionary(r => r.Key, r => (FigureWriter.Median(r.Value.Walls), FigureWriter.Median(r.Value.Peaks), r.Value.Requests.Max()));
    }

    private sealed record Tool(string Name, string Command, string[] Args, Dictionary<string, string?> Environment);

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

    /// <summary>A pod as the Job controller makes it: labelled with its job's uid and owned by the job.</summary>
    private static JsonObject Pod(string job, DateTimeOffset created, string jobUid)
    {
        var started = created.AddSeconds(5);
        var finished = started.AddMinutes(3);
        return JsonNode.Parse(JsonTemplate.Fill("""
            {"apiVersion":"v1","kind":"Pod",
             "metadata":{"name":"@0@-x7k2p","creationTimestamp":"@1@",
               "labels":{"batch.kubernetes.io/job-name":"@2@","job-name":"@3@","app.kubernetes.io/managed-by":"jobman",
                 "batch.kubernetes.io/controller-uid":"@7@","controller-uid":"@8@"},
               "ownerReferences":[{"apiVersion":"batch/v1","kind":"Job","name":"@9@","uid":"@10@","controller":true,"blockOwnerDeletion":true}]},
             "spec":{"nodeName":"bench-node","restartPolicy":"Never","containers":[{"name":"main","image":"registry.example/ml/trainer:1.4.2"}]},
             "status":{"phase":"Succeeded","startTime":"@4@",
               "containerStatuses":[{"name":"main","ready":false,"restartCount":0,"image":"registry.example/ml/trainer:1.4.2",
                 "state":{"terminated":{"exitCode":0,"reason":"Completed","startedAt":"@5@","finishedAt":"@6@"}}}]}}
            """, job, Time(created), job, job, Time(started), Time(started), Time(finished), jobUid, jobUid, job, jobUid))!.AsObject();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
