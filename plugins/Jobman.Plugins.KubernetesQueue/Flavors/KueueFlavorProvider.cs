using ClusterTarget = Jobman.Core.Commands.ClusterTarget;
using Jobman.Core;
using Jobman.Core.Flavors;
using Jobman.Kubernetes;
using Jobman.Kubernetes.Kueue;

namespace Jobman.Plugins.KubernetesQueue.Flavors;

/// <summary>
/// Kueue ResourceFlavors reachable through the LocalQueues of the user's namespace: each flavor of each ClusterQueue
/// once, with its quota and use where the ClusterQueue may be read (else the LocalQueue's own use) and the node labels
/// of the flavor where ResourceFlavors may be read. Offers no flavor for <c>submit -r</c>. Without Kueue, or without
/// LocalQueues, it has nothing to say; a LocalQueue list that may not be read is reported unavailable.
/// </summary>
internal sealed class KueueFlavorProvider(ClusterConnector connector, KubernetesRetry retry) : IResourceFlavorProvider
{
    /// <summary>One quick look, like the cluster ConfigMap's: <c>resources-flavors</c> must not hang on a slow cluster.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public string Source => "kueue";

    public Task<IReadOnlyList<ResourceFlavor>> GetFlavorsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ResourceFlavor>>([]);

    public async Task<IReadOnlyList<QueueFlavor>> GetQueueFlavorsAsync(ClusterTarget cluster, CancellationToken cancellationToken)
    {
        ClusterConnection connection;
        try
        {
            connection = connector.Connect(ClusterSelection.From(cluster));
        }
        catch (JobmanException)
        {
            // No cluster configured or reachable: the settings' flavors are still listed, and ClusterFlavorProvider
            // already says what is wrong with the cluster.
            return [];
        }

        using (connection)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                return await ReadAsync(new KueueApi(connection, retry), timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new FlavorSourceUnavailableException(Source, $"reading Kueue's queues timed out after {Timeout.TotalSeconds:0}s", ex);
            }
            catch (JobmanException ex) when (ex is not FlavorSourceUnavailableException)
            {
                throw new FlavorSourceUnavailableException(Source, ex.Message, ex);
            }
        }
    }

    private async Task<IReadOnlyList<QueueFlavor>> ReadAsync(KueueApi kueue, CancellationToken cancellationToken)
    {
        var queues = await kueue.ListLocalQueuesAsync(cancellationToken).ConfigureAwait(false);

        if (queues.NotInstalled || queues.Value is { Count: 0 })
        {
            return [];
        }

        if (queues.Value is null)
        {
            throw new FlavorSourceUnavailableException(Source, queues.Unavailable ?? "LocalQueues may not be read");
        }

        var nodeLabels = (await kueue.ListResourceFlavorsAsync(cancellationToken).ConfigureAwait(false)).Value?
            .ToDictionary(f => f.Name, f => f.NodeLabels, StringComparer.Ordinal);
        var result = new List<QueueFlavor>();
        var seen = new HashSet<(string, string)>();
        var clusterQueues = new Dictionary<string, KueueClusterQueue?>(StringComparer.Ordinal);
        foreach (var localQueue in queues.Value.OrderBy(q => q.Name, StringComparer.Ordinal))
        {
            if (!clusterQueues.TryGetValue(localQueue.ClusterQueue, out var clusterQueue))
            {
                // LocalQueues of one ClusterQueue share its read.
                clusterQueue = localQueue.ClusterQueue.Length == 0 ? null : (await kueue.GetClusterQueueAsync(localQueue.ClusterQueue, cancellationToken).ConfigureAwait(false)).Value;
                clusterQueues[localQueue.ClusterQueue] = clusterQueue;
            }

            var entries = clusterQueue?.Quota ?? localQueue.Usage;
            foreach (var flavor in entries.GroupBy(e => e.Flavor))
            {
                if (!seen.Add((localQueue.ClusterQueue, flavor.Key)))
                {
                    continue;
                }

                result.Add(new QueueFlavor(
                    flavor.Key,
                    Source,
                    localQueue.Name,
                    localQueue.ClusterQueue,
                    clusterQueue is null ? null : flavor.Where(e => e.Quota is not null).ToDictionary(e => e.Resource, e => e.Quota!, StringComparer.Ordinal),
                    clusterQueue is null ? null : flavor.ToDictionary(e => e.Resource, e => e.Used, StringComparer.Ordinal),
                    nodeLabels?.GetValueOrDefault(flavor.Key) ?? new Dictionary<string, string>()));
            }
        }

        return result;
    }
}
