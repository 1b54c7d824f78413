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
}
