using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Jobman.Core;
using Jobman.Core.Hosting;
using Jobman.Core.Registries;
using Jobman.Core.Settings;

namespace Jobman.Plugins.OciRegistry;

/// <summary>
/// <see cref="IImageRegistry"/> "oci": any registry speaking the OCI distribution / Docker Registry HTTP API v2
/// (catalog, tags list, manifests, blobs).
/// </summary>
internal sealed class OciImageRegistry : IImageRegistry, IDisposable
{
    private const int TagPageSize = 1000;

    // Without a tag, image-details reads every tag's manifest and config; past this many it shows names only.
    private const int MaxInspectedTags = 100;

    private readonly JobmanEnvironment _environment;
    private readonly Lazy<OciRegistrySettings> _settings;
    private readonly Lazy<RegistryApiClient> _client;

    public OciImageRegistry(JobmanSettings settings, JobmanEnvironment environment)
    {
        _environment = environment;
        _settings = new Lazy<OciRegistrySettings>(() => settings.Section(OciRegistrySettings.SectionName, OciRegistrySettingsJson.Default.OciRegistrySettings) ?? new OciRegistrySettings());
        _client = new Lazy<RegistryApiClient>(() => RegistryApiClient.Create(_settings.Value, environment));
    }

    public string Name => "oci";

    public bool IsConfigured => _settings.Value.IsConfigured;

    private RegistryApiClient Client => _client.IsValueCreated || IsConfigured
        ? _client.Value
        : throw new JobmanException($"the 'oci' registry is not configured: set '{OciRegistrySettings.SectionName}.url' in settings", ExitCodes.Usage);

    public async IAsyncEnumerable<ImageRepository> ListRepositoriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // First, so an unconfigured registry says what to set (a usage error) before anything reads its URL.
        _ = Client;
        var pullPrefix = _settings.Value.EffectivePullPrefix(_settings.Value.BaseUri());
        await foreach (var names in CatalogPagesAsync(cancellationToken).ConfigureAwait(false))
        {
            var tags = await BoundedConcurrency.MapAsync(names, ListTagsOfAsync, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < names.Count; i++)
            {
                // A repository deleted between the catalog and its tags list is still shown, without tags.
                yield return new ImageRepository(names[i], tags[i] ?? [], Name) { PullPrefix = pullPrefix };
            }
        }
    }

    /// <summary>The catalog pages only: no tags list per repository.</summary>
    public async IAsyncEnumerable<string> ListRepositoryNamesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var names in CatalogPagesAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var name in names)
            {
                yield return name;
            }
        }
    }

    public Task<IReadOnlyList<string>?> ListTagsAsync(string repository, CancellationToken cancellationToken)
    {
        var name = WithoutPullPrefix(repository);
        RepositoryNames.Validate(name, null);
        return ListTagsOfAsync(name, cancellationToken);
    }

    public async Task<ImageDetails?> GetImageDetailsAsync(ImageReference reference, CancellationToken cancellationToken)
    {
        var client = Client;
        var repository = WithoutPullPrefix(reference.Repository);
        RepositoryNames.Validate(repository, reference.Tag);
        var tags = await ListTagsOfAsync(repository, cancellationToken).ConfigureAwait(false);
        if (tags is null)
        {
            return null;
        }

        var inspector = new ImageInspector(client);
        if (reference.Tag is { } tag)
        {
            if (!tags.Contains(tag, StringComparer.Ordinal))
            {
                return null;
            }

            var image = await inspector.InspectAsync(repository, tag, cancellationToken).ConfigureAwait(false);
            return image is null
                ? null
                : new ImageDetails(repository, Name, tags.Select(t => t == tag ? image.Tag : new ImageTag(t)).ToList())
                {
                    Description = image.Description,
                    SelectedTag = image.Tag,
                    Labels = image.Labels,
                };
        }

        if (tags.Count > MaxInspectedTags)
        {
            _environment.Warn($"'{repository}' has {tags.Count} tags: digest, size and time are shown for the first {MaxInspectedTags} (use -i {repository}:TAG for another)");
        }

        var inspected = await BoundedConcurrency.MapAsync(
            tags.Take(MaxInspectedTags).ToList(), (t, ct) => inspector.InspectAsync(repository, t, ct), cancellationToken).ConfigureAwait(false);

        // The repository's description and labels come from 'latest', else from the newest tag.
        var primary = inspected.FirstOrDefault(i => i?.Tag.Name == "latest")
            ?? inspected.OfType<InspectedImage>().OrderByDescending(i => i.Tag.PushedAt ?? DateTimeOffset.MinValue).FirstOrDefault();
        var tagDetails = tags.Select((t, i) => i < inspected.Length && inspected[i] is { } image ? image.Tag : new ImageTag(t)).ToList();
        return new ImageDetails(repository, Name, tagDetails)
        {
            Description = primary?.Description,
            Labels = primary?.Labels ?? new Dictionary<string, string>(),
        };
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }

    /// <summary>All tags of a repository (following <c>Link</c> pages) in natural order; null when the repository does not exist.</summary>
    /// <summary>The repository names of each catalog page (filtered by the configured prefixes).</summary>
    private async IAsyncEnumerable<List<string>> CatalogPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = Client;
        var prefixes = _settings.Value.Repositories;
        var visited = new HashSet<string>(StringComparer.Ordinal);
        string? page = "/v2/_catalog?n=100";
        while (page is not null && visited.Add(page))
        {
            var response = await client.GetAsync(page, OciMediaTypes.Json, "the repository catalog", notFoundIsNull: false, cancellationToken).ConfigureAwait(false);
            yield return (response!.ReadObject()["repositories"] as JsonArray ?? [])
                .Select(n => n?.GetValue<string>())
                .OfType<string>()
                .Where(n => prefixes is null || prefixes.Any(p => n.StartsWith(p, StringComparison.Ordinal)))
                .ToList();
            page = response.NextLink;
        }
    }

    private async Task<IReadOnlyList<string>?> ListTagsOfAsync(string repository, CancellationToken cancellationToken)
    {
        var tags = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        string? page = $"/v2/{repository}/tags/list?n={TagPageSize}";
        while (page is not null && visited.Add(page))
        {
            var response = await Client.GetAsync(page, OciMediaTypes.Json, $"repository '{repository}'", notFoundIsNull: true, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                return tags.Count == 0 ? null : Sorted(tags);
            }

            tags.AddRange((response.ReadObject()["tags"] as JsonArray ?? []).Select(t => t?.GetValue<string>()).OfType<string>());
            page = response.NextLink;
        }

        return Sorted(tags);
    }

    private static List<string> Sorted(List<string> tags)
    {
        tags.Sort(NaturalOrder.Instance);
        return tags;
    }

    /// <summary>Accepts names copied with the pull prefix (<c>registry.example:5000/team/app</c>).</summary>
    private string WithoutPullPrefix(string repository)
    {
        var baseUri = _settings.Value.BaseUri();
        foreach (var prefix in new[] { _settings.Value.EffectivePullPrefix(baseUri), baseUri.Authority + "/" })
        {
            if (prefix.Length > 0 && repository.StartsWith(prefix, StringComparison.Ordinal) && repository.Length > prefix.Length)
            {
                return repository[prefix.Length..];
            }
        }

        return repository;
    }
}
