using Jobman.Kubernetes.Kueue;

namespace Jobman.Plugins.KubernetesQueue.Kueue;

/// <summary>
/// The Kueue side of <c>jobman queue</c>: the namespace's LocalQueues, each ClusterQueue once, and each LocalQueue's
/// pending workloads: requests grow with the number of queues, never with jobs. What may not be read is left out and
/// named in <see cref="Notes"/>, one line each.
/// </summary>
internal sealed record KueueQueueReport(string Namespace, IReadOnlyList<KueueQueueRow> Rows, IReadOnlyList<string> Notes)
{
    public static async Task<KueueQueueReport> BuildAsync(KueueApi kueue, IReadOnlyList<KueueLocalQueue> localQueues, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var clusterQueues = new Dictionary<string, KueueClusterQueue?>(StringComparer.Ordinal);
        foreach (var name in localQueues.Select(q => q.ClusterQueue).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal))
        {
            var read = await kueue.GetClusterQueueAsync(name, cancellationToken).ConfigureAwait(false);
            clusterQueues[name] = read.Value;
            if (read.Unavailable is { } why)
            {
                notes.Add($"{why}: its quota and cluster-wide counts are not shown (?)");
            }
        }

        var rows = new List<KueueQueueRow>();
        foreach (var localQueue in localQueues.OrderBy(q => q.Name, StringComparer.Ordinal))
        {
            var pending = await kueue.PendingInLocalQueueAsync(localQueue.Name, cancellationToken).ConfigureAwait(false);
            if (pending.Unavailable is { } why)
            {
                notes.Add($"LocalQueue '{localQueue.Name}': {why}");
            }

            rows.Add(new KueueQueueRow(localQueue, clusterQueues.GetValueOrDefault(localQueue.ClusterQueue), pending.Value));
        }

        return new KueueQueueReport(kueue.Namespace, rows, notes);
    }
}
