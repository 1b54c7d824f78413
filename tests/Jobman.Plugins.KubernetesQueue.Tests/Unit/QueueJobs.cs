using Jobman.Plugins.KubernetesQueue.Model;

namespace Jobman.Plugins.KubernetesQueue.Tests.Unit;

/// <summary>Builds in-memory job lists like the publisher's scanner returns.</summary>
internal static class QueueJobs
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static readonly Dictionary<string, string> Small = new() { ["cpu"] = "1", ["memory"] = "4Gi" };

    public static readonly Dictionary<string, string> Gpu = new() { ["cpu"] = "4", ["memory"] = "16Gi", ["nvidia.com/gpu"] = "1" };

    public static QueueJob Job(string ns, string name, int minute, string phase = QueuePhases.Pending, string? flavor = "no-gpu", Dictionary<string, string>? requests = null) =>
        new(ns, name, "uid-" + ns + "-" + name, T0.AddMinutes(minute), phase, flavor, requests ?? (flavor == "small-gpu" ? Gpu : Small));

    /// <summary>
    /// A big, realistic queue: <paramref name="count"/> jobs over 400 namespaces, three groups, one job created
    /// every few seconds, about 80 % pending.
    /// </summary>
    public static List<QueueJob> Many(int count, int seed = 7)
    {
        var random = new Random(seed);
        var jobs = new List<QueueJob>(count);
        for (var i = 0; i < count; i++)
        {
            var ns = $"user-{random.Next(400):D3}";
            var kind = random.Next(3);
            var (flavor, requests) = kind switch
            {
                0 => ("no-gpu", Small),
                1 => ("small-gpu", Gpu),
                _ => ((string?)null, new Dictionary<string, string> { ["cpu"] = "2", ["memory"] = "8Gi" }),
            };
            var phase = random.Next(10) < 8 ? QueuePhases.Pending : QueuePhases.Running;
            jobs.Add(new QueueJob(ns, $"job-{i:D6}", $"uid-{i}", T0.AddSeconds(i * 3 + random.Next(3)), phase, flavor, requests));
        }

        return jobs;
    }
}
