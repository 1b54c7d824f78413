namespace Jobman.Core.Flavors;

/// <summary>
/// Thrown by an <see cref="IResourceFlavorProvider"/> whose source is configured but cannot be read right now
/// (permission denied, unreachable cluster, malformed document). <see cref="ResourceFlavorCatalog"/> then goes on
/// with the other sources and reports the problem instead of failing the whole command.
/// </summary>
public sealed class FlavorSourceUnavailableException : JobmanException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The provider's <see cref="IResourceFlavorProvider.Source"/>.</param>
    /// <param name="reason">One line saying why.</param>
    /// <param name="innerException">The underlying failure.</param>
    public FlavorSourceUnavailableException(string source, string reason, Exception? innerException = null)
        : base($"flavors from source '{source}' are not available: {reason}", ExitCodes.Failed, innerException)
    {
        FlavorSource = source;
    }

    /// <summary>The flavor source that could not be read.</summary>
    public string FlavorSource { get; }
}
