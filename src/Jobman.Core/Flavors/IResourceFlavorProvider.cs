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
}
