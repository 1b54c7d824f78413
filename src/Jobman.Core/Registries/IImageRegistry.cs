using System.Runtime.CompilerServices;

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

    /// <summary>
    /// Whether a repository (and, when given, its tag) exists, as cheaply as the registry allows: <c>submit</c>
    /// asks this before creating a job. The default reads the details; registries override it with one request.
    /// </summary>
    /// <param name="reference">Repository name with optional tag.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>True when it exists.</returns>
    /// <exception cref="JobmanException">On authentication, network or API errors.</exception>
    /// <remarks>Added in Jobman.Core 1.1.</remarks>
    async Task<bool> ExistsAsync(ImageReference reference, CancellationToken cancellationToken) =>
        await GetImageDetailsAsync(reference, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>The tag names of one repository (for "did you mean" after a mistyped tag), or null when it does not exist.</summary>
    /// <param name="repository">The repository name as the user typed it (no tag).</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The tags, or null.</returns>
    /// <exception cref="JobmanException">On authentication, network or API errors.</exception>
    /// <remarks>Added in Jobman.Core 1.1.</remarks>
    async Task<IReadOnlyList<string>?> ListTagsAsync(string repository, CancellationToken cancellationToken) =>
        (await GetImageDetailsAsync(new ImageReference(repository, null), cancellationToken).ConfigureAwait(false))?.Tags.Select(t => t.Name).ToList();

    /// <summary>
    /// Repository names only (for "did you mean" after a mistyped repository): registries override this to read the
    /// repository list without the tags of every repository. The default lists everything.
    /// </summary>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The names, in the registry's order.</returns>
    /// <exception cref="JobmanException">On authentication, network or API errors.</exception>
    /// <remarks>Added in Jobman.Core 1.1.</remarks>
    async IAsyncEnumerable<string> ListRepositoryNamesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var repository in ListRepositoriesAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return repository.Name;
        }
    }
}
