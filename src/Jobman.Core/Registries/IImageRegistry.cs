namespace Jobman.Core.Registries;

/// <summary>
/// A container image registry jobman can list images from (Harbor, a plain OCI registry, a team's own).
/// Implementations are registered by plugins; settings choose which ones serve <c>images</c>.
/// </summary>
public interface IImageRegistry
{
    /// <summary>The registry kind's short name used in settings and <c>--registry</c>, e.g. <c>harbor</c>.</summary>
    string Name { get; }

    /// <summary>True when the settings configure this registry; unconfigured registries are not queried.</summary>
    bool IsConfigured { get; }

    /// <summary>Lists every repository with its tags.</summary>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The repositories, in the registry's order.</returns>
    /// <exception cref="JobmanException">On authentication, network or API errors.</exception>
    IAsyncEnumerable<ImageRepository> ListRepositoriesAsync(CancellationToken cancellationToken);

    /// <summary>Details of one repository and, when a tag is given, of that tag.</summary>
    /// <param name="reference">Repository name with optional tag.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The details, or null when the repository (or the tag) does not exist.</returns>
    /// <exception cref="JobmanException">On authentication, network or API errors.</exception>
    Task<ImageDetails?> GetImageDetailsAsync(ImageReference reference, CancellationToken cancellationToken);
}
