using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Bench;

/// <summary>
/// <c>jobman logs -f</c> of a large finished log beside <c>kubectl logs -f</c> on the same server: throughput and peak
/// memory. The double has no hook for synthetic logs, so a job prints the log (100-byte lines of 'x') through its
/// kubelet; a 100 MB log beside the big one shows whether memory stays flat as the log grows.
/// </summary>
internal sealed class LogsBench(BenchContext context, FigureWriter figures)
{
    private const string Ns = "logs";
    private const int SmallMegabytes = 100;

    public async Task RunAsync()
    {
        await using var cluster = await KubernetesApiServer.StartAsync();
        var token = cluster.AddUser("bench", Ns);
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(context.Work, "kubeconfig-logs"), token, Ns);
        var environment = context.Environment("logs", ("KUBECONFIG", kubeconfig));
        var sizes = new[] { SmallMegabytes, context.Options.LogMegabytes }.Distinct().Order().ToArray();
        foreach (var megabytes in sizes)
        {
            var job = $"log-{megabytes}mb";
            var pod = await GenerateAsync(cluster, job, megabytes);
            var expected = megabytes * 1_000_000L;
            var prefix = $"logs.mb_{megabytes}";
            var jobman = await MeasureAsync(context.Jobman, ["logs", "-f", "-j", job], environment, expected);
            figures.Add($"{prefix}.jobman_throughput", jobman.Throughput, "MB/s");
            figures.Add($"{prefix}.jobman_peak_rss", jobman.Peak, "MB");
            if (context.Kubectl is not null)
            {
                var kubectl = await MeasureAsync(context.Kubectl, ["logs", "-f", pod], environment, expected);
                figures.Add($"{prefix}.kubectl_throughput", kubectl.Throughput, "MB/s");
                figures.Add($"{prefix}.kubectl_peak_rss", kubectl.Peak, "MB");
                figures.Add($"{prefix}.jobman_vs_kubectl_throughput", jobman.Throughput / kubectl.Throughput, "x");

                // jobman always asks for timestamps (to resume a dropped stream without repeats), which makes the
                // server send ~30% more; kubectl --timestamps gets the same stream, as a like-for-like reference.
                var stamped = await MeasureAsync(context.Kubectl, ["logs", "-f", "--timestamps", pod], environment, expected, TimestampBytes(megabytes));
                figures.Add($"{prefix}.kubectl_timestamps_throughput", stamped.Throughput, "MB/s");
                figures.Add($"{prefix}.jobman_vs_kubectl_timestamps_throughput", jobman.Throughput / stamped.Throughput, "x");
            }
        }
    }

    /// <summary>"2026-11-25T17:32:42.123456789Z " (RFC 3339 with 9 digits and a space) on each 100-byte line.</summary>
    private static long TimestampBytes(int megabytes) => megabytes * 10_000L * 31;

    /// <summary>Throughput counts the log's own bytes (without timestamps), so all figures compare the same payload.</summary>
    private async Task<(double Throughput, double Peak)> MeasureAsync(
        string command, string[] args, Dictionary<string, string?> environment, long payload, long extra = 0)
    {
        var expected = payload + extra;
        var throughputs = new List<double>();
        var peaks = new List<double>();
        for (var run = 0; run < context.Options.LogRuns; run++)
        {
            var result = (await ChildProcess.RunAsync(command, args, environment, keepStdout: false)).EnsureSucceeded(command);
            if (result.StdoutBytes != expected)
            {
                throw new InvalidOperationException($"{command} {string.Join(' ', args)} printed {result.StdoutBytes} bytes, expected {expected}; stdout excerpt:\n{result.Stdout}\nstderr: {result.Stderr}");
            }

            throughputs.Add(payload / 1e6 / result.Wall.TotalSeconds);
            peaks.Add(result.PeakMegabytes);
        }

        return (FigureWriter.Median(throughputs), FigureWriter.Median(peaks));
    }

    /// <summary>Runs a job printing <paramref name="megabytes"/> MB and waits until it finished; returns its pod.</summary>
    private static async Task<string> GenerateAsync(KubernetesApiServer cluster, string job, int megabytes)
    {
        Console.Error.WriteLine($"# logs: generating a {megabytes} MB log in job {job}...");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var line = new string('x', 99);
        var script = $"yes {line} 2>/dev/null | head -c {megabytes * 1_000_000L}";
        cluster.Store.PutJob(Ns, JsonNode.Parse(JsonTemplate.Fill("""
            {"apiVersion":"batch/v1","kind":"Job",
             "metadata":{"name":"@0@","labels":{"app.kubernetes.io/managed-by":"jobman"}},
             "spec":{"backoffLimit":0,"template":{"metadata":{"labels":{"app.kubernetes.io/managed-by":"jobman"}},
               "spec":{"restartPolicy":"Never","containers":[{"name":"main","image":"busybox","command":["/bin/sh","-c","@1@"]}]}}}}
            """, job, script))!.AsObject());
        var deadline = DateTime.UtcNow.AddMinutes(20);
        while (cluster.Store.GetJob(Ns, job)?["status"]?["succeeded"]?.GetValue<int>() is not 1)
        {
            if (DateTime.UtcNow > deadline || cluster.Store.GetJob(Ns, job)?["status"]?["failed"] is not null)
            {
                throw new InvalidOperationException($"job {job} did not succeed: {cluster.Store.GetJob(Ns, job)?["status"]?.ToJsonString()}");
            }

            await Task.Delay(200);
        }

        Console.Error.WriteLine($"# logs: {megabytes} MB generated in {clock.Elapsed.TotalSeconds:0.0} s");
        return cluster.Store.Pods(Ns)
            .Select(p => (string?)p["metadata"]?["name"])
            .Single(n => n is not null && n.StartsWith(job + "-", StringComparison.Ordinal))!;
    }
}
