using Jobman.Kubernetes;
using Jobman.Kubernetes.Kueue;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;

namespace Jobman.Plugins.KubernetesJobs.Status;

/// <summary>
/// Reads Kueue's view of jobs in as few requests as a list allows: nothing when no job carries the queue label (a
/// cluster without Kueue costs nothing), else one workloads list, plus one visibility read per LocalQueue that has
/// waiting jobs when positions are wanted. Kueue being absent or unreadable leaves jobs judged by themselves.
/// </summary>
internal static class KueueLookup
{
    public static async Task<IReadOnlyDictionary<string, KueueInfo>> LoadAsync(KueueApi kueue, IEnumerable<SlimJob> jobs, bool positions, CancellationToken cancellationToken)
    {
        var queued = jobs
            .Where(j => j.Metadata?.Uid is not null && QueueOf(j) is not null)
            .ToList();
        if (queued.Count == 0)
        {
            return new Dictionary<string, KueueInfo>();
        }

        var workloads = await kueue.ListWorkloadsAsync(cancellationToken).ConfigureAwait(false);
        var byJob = (workloads.Value ?? [])
            .Where(w => w.JobUid is not null)
            .GroupBy(w => w.JobUid!)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var pendingByQueue = new Dictionary<string, IReadOnlyList<KueuePendingWorkload>>(StringComparer.Ordinal);
        if (positions)
        {
            var waitingQueues = queued
                .Where(j => !JobStatusDeriver.HasEnded(j) && byJob.GetValueOrDefault(j.Metadata!.Uid!) is not { HasReservation: true })
                .Select(j => QueueOf(j)!)
                .Distinct(StringComparer.Ordinal);
            foreach (var queue in waitingQueues)
            {
                if (IsValidQueueName(queue) && (await kueue.PendingInLocalQueueAsync(queue, cancellationToken).ConfigureAwait(false)).Value is { } pending)
                {
                    pendingByQueue[queue] = pending;
                }
            }
        }

        var result = new Dictionary<string, KueueInfo>(StringComparer.Ordinal);
        foreach (var job in queued)
        {
            var uid = job.Metadata!.Uid!;
            var queue = QueueOf(job)!;
            var pending = pendingByQueue.GetValueOrDefault(queue);
            result[uid] = new KueueInfo(queue, byJob.GetValueOrDefault(uid), pending?.FirstOrDefault(p => p.JobUid == uid), pending?.Count);
        }

        return result;
    }

    public static string? QueueOf(SlimJob job) =>
        job.Metadata?.Labels is { } labels && labels.TryGetValue(JobLabels.KueueQueueName, out var queue) && queue.Length > 0 ? queue : null;

    /// <summary>A label value from the cluster that is no object name is never put into a URL.</summary>
    private static bool IsValidQueueName(string queue) =>
        Jobman.Kubernetes.Names.KubernetesNameRules.PathSegmentProblem(queue) is null && Jobman.Kubernetes.Names.KubernetesNameRules.SubdomainProblem(queue) is null;
}
