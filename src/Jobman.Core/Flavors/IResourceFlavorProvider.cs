using Jobman.Core.Commands;

namespace Jobman.Core.Flavors;

/// <summary>A source of predefined resource flavors (settings, a cluster ConfigMap, ...).</summary>
public interface IResourceFlavorProvider
{
    /// <summary>A short name of the source shown by <c>resources-flavors</c>, e.g. <c>settings</c>.</summary>
    string Source { get; }

    /// <summary>The flavors this source offers.</summary>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The flavors; empty when the source is not configured.</returns>
    /// <exception cref="JobmanException">When the source is configured but cannot be read.</exception>
    Task<IReadOnlyList<ResourceFlavor>> GetFlavorsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The flavors this source offers on the cluster the command chose (<c>--kubeconfig</c>, <c>--context</c>,
    /// <c>-n</c>). Sources that read a cluster implement this; the default, for sources that do not (and plugins
    /// built against Jobman.Core 1.0), ignores the target.
    /// </summary>
    /// <param name="cluster">The invocation's cluster selection.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The flavors; empty when the source is not configured.</returns>
    /// <exception cref="JobmanException">When the source is configured but cannot be read.</exception>
    /// <remarks>Added in Jobman.Core 1.1.</remarks>
    Task<IReadOnlyList<ResourceFlavor>> GetFlavorsAsync(ClusterTarget cluster, CancellationToken cancellationToken) => GetFlavorsAsync(cancellationToken);

    /// <summary>
    /// The flavors of the queues the user can submit to on that cluster (e.g. Kueue ResourceFlavors reached through
    /// the namespace's LocalQueues), for <c>resources-flavors</c> only: never resolved by <c>submit -r</c>. The
    /// default (sources without queues, plugins built against Jobman.Core 1.2 or older) has none.
    /// </summary>
    /// <param name="cluster">The invocation's cluster selection.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The queue flavors; empty when there are none.</returns>
    /// <exception cref="FlavorSourceUnavailableException">When the source exists but cannot be read.</exception>
    /// <remarks>Added in Jobman.Core 1.3.</remarks>
    Task<IReadOnlyList<QueueFlavor>> GetQueueFlavorsAsync(ClusterTarget cluster, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<QueueFlavor>>([]);
}
