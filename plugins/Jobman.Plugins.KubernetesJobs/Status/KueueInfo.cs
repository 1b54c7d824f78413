using Jobman.Kubernetes.Kueue;

namespace Jobman.Plugins.KubernetesJobs.Status;

/// <summary>What Kueue says about one queued job: its Workload (admission, reasons, evictions) and its place in the queue.</summary>
/// <param name="LocalQueue">The LocalQueue the job's label names.</param>
/// <param name="Workload">Its Workload, when Kueue made one and it could be read.</param>
/// <param name="Position">Its entry in the LocalQueue's pending workloads (visibility API), when waiting and readable.</param>
/// <param name="PendingInLocalQueue">How many wait in that LocalQueue (visibility API), when known.</param>
internal sealed record KueueInfo(string LocalQueue, KueueWorkload? Workload, KueuePendingWorkload? Position, int? PendingInLocalQueue)
{
    /// <summary>"2 of 5 in user-queue (7th in cluster-queue)": 1-based for people; JSON keeps Kueue's 0-based numbers.</summary>
    public string? PositionText =>
        Position is { } p
            ? $"{p.PositionInLocalQueue + 1} of {PendingInLocalQueue?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} in {LocalQueue}"
              + (Workload?.ClusterQueue is null && p.PositionInClusterQueue != p.PositionInLocalQueue ? $" ({Ordinal(p.PositionInClusterQueue + 1)} in its ClusterQueue)" : string.Empty)
            : null;

    private static string Ordinal(int n) => (n % 100) switch
    {
        11 or 12 or 13 => $"{n}th",
        _ => (n % 10) switch { 1 => $"{n}st", 2 => $"{n}nd", 3 => $"{n}rd", _ => $"{n}th" },
    };
}
