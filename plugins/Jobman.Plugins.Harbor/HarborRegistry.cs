using System.Net;
using System.Runtime.CompilerServices;
using Jobman.Core.Hosting;
using Jobman.Core.Registries;
using Jobman.Core.Settings;
using Jobman.Registries;

namespace Jobman.Plugins.Harbor;

/// <summary>
/// The Harbor registry (<c>harbor</c>): repositories and tags of the configured projects through the Harbor API
/// v2.0. Built at host start for every command, so nothing is read or checked until it is used.
/// </summary>
internal sealed class HarborRegistry : IImageRegistry, IDisposable
{
    /// <summary>How many repositories have their artifacts fetched at the same time.</summary>
    public const int MaxConcurrentRepositories = 8;

    private readonly JobmanSettings _settings;
    private readonly JobmanEnvironment _environment;
    private readonly Lazy<(HarborSettings Settings, HarborApi Api)> _connection;

    public HarborRegistry(JobmanSettings settings, JobmanEnvironment environment)
    {
        _settings = settings;
        _environment = environment;
        _connection = new Lazy<(HarborSettings, HarborApi)>(Connect);
    }

    public string Name => "harbor";

    public bool IsConfigured => _settings.GetString("harbor.url") is not null;

    private HarborSettings Settings => _connection.Value.Settings;

    private HarborApi Api => _connection.Value.Api;

    public async IAsyncEnumerable<ImageRepository> ListRepositoriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var project in Settings.AllProjects())
        {
            var repositories = await ListProjectRepositoriesAsync(project, cancellationToken).ConfigureAwait(false);
            await foreach (var repository in WithTagsAsync(project, repositories, cancellationToken).ConfigureAwait(false))
            {
                yield return repository;
            }
        }
    }

    public async Task<ImageDetails?> GetImageDetailsAsync(ImageReference reference, CancellationToken cancellationToken)
    {
        foreach (var (project, name) in Candidates(reference.Repository))
        {
            var path = RepositoryPath(project, name);
            var found = await Api.GetAsync(path, [], project, cancellationToken).ConfigureAwait(false);
            if (found.IsNotFound)
            {
                ThrowUnlessRepositoryNotFound(found, project);
                continue;
            }

            var repository = found.Read<HarborRepositoryModel>();
            ImageTag? selected = null;
            if (reference.Tag is not null)
            {
                var artifact = await Api.GetAsync($"{path}/artifacts/{Uri.EscapeDataString(reference.Tag)}", [("with_tag", "true")], project, cancellationToken).ConfigureAwait(false);
                if (artifact.IsNotFound)
                {
                    ThrowUnlessRepositoryNotFound(artifact, project);
                    return null;
                }

                var model = artifact.Read<HarborArtifactModel>();
                selected = ToTags(model).FirstOrDefault(t => t.Name == reference.Tag) ?? ToTag(model, reference.Tag, null);
            }

            var tags = (await ListArtifactsAsync(project, name, cancellationToken).ConfigureAwait(false)).SelectMany(ToTags).ToList();
            return new ImageDetails(name, Name, tags)
            {
                Description = Unescape(repository.Description),
                SelectedTag = selected,
                Labels = Labels(project, name, repository),
            };
        }

        return null;
    }

    /// <summary>One request per candidate location: the tag's artifact, or the repository when no tag is given.</summary>
    public async Task<bool> ExistsAsync(ImageReference reference, CancellationToken cancellationToken)
    {
        foreach (var (project, name) in Candidates(reference.Repository))
        {
            var path = RepositoryPath(project, name);
            var found = reference.Tag is null
                ? await Api.GetAsync(path, [], project, cancellationToken).ConfigureAwait(false)
                : await Api.GetAsync($"{path}/artifacts/{Uri.EscapeDataString(reference.Tag)}", [], project, cancellationToken).ConfigureAwait(false);
            if (!found.IsNotFound)
            {
                return true;
            }

            ThrowUnlessRepositoryNotFound(found, project);
        }

        return false;
    }

    /// <summary>The repository's own artifacts only: one request to find it, then its artifact pages.</summary>
    public async Task<IReadOnlyList<string>?> ListTagsAsync(string repository, CancellationToken cancellationToken)
    {
        foreach (var (project, name) in Candidates(repository))
        {
            var found = await Api.GetAsync(RepositoryPath(project, name), [], project, cancellationToken).ConfigureAwait(false);
            if (found.IsNotFound)
            {
                ThrowUnlessRepositoryNotFound(found, project);
                continue;
            }

            return (await ListArtifactsAsync(project, name, cancellationToken).ConfigureAwait(false))
                .SelectMany(a => a.Tags ?? []).Select(t => t.Name).OfType<string>().ToList();
        }

        return null;
    }

    /// <summary>The repository list pages of every project, without a request per repository.</summary>
    public async IAsyncEnumerable<string> ListRepositoryNamesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var project in Settings.AllProjects())
        {
            var prefix = project + "/";
            foreach (var repository in await ListProjectRepositoriesAsync(project, cancellationToken).ConfigureAwait(false))
            {
                yield return repository.Name.StartsWith(prefix, StringComparison.Ordinal) ? repository.Name[prefix.Length..] : repository.Name;
            }
        }
    }

    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Api.Dispose();
        }
    }

    private (HarborSettings, HarborApi) Connect()
    {
        var settings = HarborSettings.Read(_settings);
        var credentials = HarborCredentials.Resolve(settings, _environment);
        var caBundle = string.IsNullOrWhiteSpace(settings.CaBundle) ? null : HarborSettings.ResolvePath(settings.CaBundle, _environment);
        var tls = RegistryTls.Create(caBundle, settings.Insecure, "harbor.caBundle");
        if (settings.Insecure)
        {
            _environment.Warn($"harbor.insecure is true: the TLS certificate of {settings.BaseUrl} is NOT verified, so anyone on the network path can impersonate it; prefer harbor.caBundle");
        }

        if (credentials is not null && settings.SendsCredentialsInClear)
        {
            _environment.Warn($"Harbor credentials ({credentials.Source}) are sent unencrypted to {settings.BaseUrl}; use an https:// harbor.url");
        }

        return (settings, new HarborApi(settings.BaseUrl, credentials, tls, TimeSpan.FromSeconds(settings.TimeoutSeconds), _environment));
    }

    private async Task<List<HarborRepositoryModel>> ListProjectRepositoriesAsync(string project, CancellationToken cancellationToken)
    {
        var path = $"projects/{Uri.EscapeDataString(project)}/repositories";
        var all = new List<HarborRepositoryModel>();
        for (var page = 1; ; page++)
        {
            var response = await Api.GetAsync(path, RepositoryPageQuery(page), project, cancellationToken).ConfigureAwait(false);
            if (response.IsNotFound)
            {
                throw Api.Errors.FromStatus(response, project, 1);
            }

            var items = response.Read<List<HarborRepositoryModel>>();
            all.AddRange(items);
            if (!HarborPaging.HasNextPage(response.Headers, page, items.Count))
            {
                return all;
            }
        }
    }

    private async Task<List<HarborArtifactModel>> ListArtifactsAsync(string project, string name, CancellationToken cancellationToken)
    {
        var path = RepositoryPath(project, name) + "/artifacts";
        var all = new List<HarborArtifactModel>();
        for (var page = 1; ; page++)
        {
            var response = await Api.GetAsync(path, [.. PageQuery(page), ("with_tag", "true")], project, cancellationToken).ConfigureAwait(false);
            if (response.IsNotFound)
            {
                // Deleted between the repository list and this request: it has no tags any more.
                ThrowUnlessRepositoryNotFound(response, project);
                return all;
            }

            var items = response.Read<List<HarborArtifactModel>>();
            all.AddRange(items);
            if (!HarborPaging.HasNextPage(response.Headers, page, items.Count))
            {
                return all;
            }
        }
    }

    /// <summary>
    /// Fetches the tags of many repositories with at most <see cref="MaxConcurrentRepositories"/> in flight,
    /// yielding them in the project's order. The first failure cancels the rest.
    /// </summary>
    private async IAsyncEnumerable<ImageRepository> WithTagsAsync(string project, List<HarborRepositoryModel> repositories, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var gate = new SemaphoreSlim(MaxConcurrentRepositories);
        var prefix = project + "/";
        var pullPrefix = $"{Settings.RegistryHost}/{project}/";
        var pending = repositories.Select(async repository =>
        {
            var name = repository.Name.StartsWith(prefix, StringComparison.Ordinal) ? repository.Name[prefix.Length..] : repository.Name;
            IReadOnlyList<string> tags = [];
            if (repository.ArtifactCount is not 0)
            {
                await gate.WaitAsync(stop.Token).ConfigureAwait(false);
                try
                {
                    var artifacts = await ListArtifactsAsync(project, name, stop.Token).ConfigureAwait(false);
                    tags = artifacts.SelectMany(a => a.Tags ?? []).Select(t => t.Name).OfType<string>().ToList();
                }
                finally
                {
                    gate.Release();
                }
            }

            return new ImageRepository(name, tags, Name) { Description = Unescape(repository.Description), PullPrefix = pullPrefix };
        }).ToList();

        try
        {
            foreach (var task in pending)
            {
                ImageRepository repository;
                try
                {
                    repository = await task.ConfigureAwait(false);
                }
                catch
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                    throw;
                }

                yield return repository;
            }
        }
        finally
        {
            // Whether the caller stopped early or a request failed: stop the rest and let them finish before the
            // semaphore and token source are disposed.
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(pending).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Already reported (first failure) or cancelled on purpose.
            }
        }
    }

    /// <summary>
    /// Where a typed name may live: as typed in each project, then without a project or registry prefix. A full pull
    /// path (<c>host/project/name</c>) names its project, so only that place is asked.
    /// </summary>
    private IEnumerable<(string Project, string Name)> Candidates(string typed)
    {
        var projects = Settings.AllProjects();
        var withHost = typed.StartsWith(Settings.RegistryHost + "/", StringComparison.OrdinalIgnoreCase);
        var name = withHost ? typed[(Settings.RegistryHost.Length + 1)..] : typed;
        var named = projects.FirstOrDefault(p => name.StartsWith(p + "/", StringComparison.Ordinal));
        if (withHost && named is not null)
        {
            yield return (named, name[(named.Length + 1)..]);
            yield break;
        }

        foreach (var project in projects)
        {
            yield return (project, name);
        }

        foreach (var project in projects.Where(p => name.StartsWith(p + "/", StringComparison.Ordinal)))
        {
            yield return (project, name[(project.Length + 1)..]);
        }
    }

    private void ThrowUnlessRepositoryNotFound(HarborResponse response, string project)
    {
        // "repository p/x not found" or "artifact ... not found" mean no such image; a missing project or an
        // unknown path is a configuration problem the user must hear about.
        if (response.ErrorStartsWith("project ") || response.ErrorStartsWith("path "))
        {
            throw Api.Errors.FromStatus(response, project, 1);
        }
    }

    private static string RepositoryPath(string project, string name) =>
        $"projects/{Uri.EscapeDataString(project)}/repositories/{HarborPaging.EncodeRepositoryName(name)}";

    private static List<(string, object)> PageQuery(int page) =>
        [("page", HarborApi.Number(page)), ("page_size", HarborApi.Number(HarborPaging.PageSize))];

    // Sorted by name so the listing is stable and easy to scan, and pages do not shift as repositories are pushed.
    private static List<(string, object)> RepositoryPageQuery(int page) => [.. PageQuery(page), ("sort", "name")];

    private static IEnumerable<ImageTag> ToTags(HarborArtifactModel artifact) =>
        (artifact.Tags ?? []).Where(t => !string.IsNullOrEmpty(t.Name)).Select(t => ToTag(artifact, t.Name!, t.PushTime));

    private static ImageTag ToTag(HarborArtifactModel artifact, string tag, DateTimeOffset? tagPushTime) => new(tag)
    {
        Digest = artifact.Digest,
        SizeBytes = artifact.Size,
        PushedAt = Known(tagPushTime) ?? Known(artifact.PushTime),
    };

    // Harbor writes "0001-01-01T00:00:00.000Z" for times that never happened.
    private static DateTimeOffset? Known(DateTimeOffset? time) => time is { Year: > 1 } ? time : null;

    /// <summary>Harbor stores descriptions HTML-escaped (<c>template.HTMLEscapeString</c>); show what the user wrote.</summary>
    private static string? Unescape(string? description) =>
        string.IsNullOrEmpty(description) ? null : WebUtility.HtmlDecode(description);

    private Dictionary<string, string> Labels(string project, string name, HarborRepositoryModel repository)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["project"] = project,
            ["pull"] = $"{Settings.RegistryHost}/{project}/{name}",
        };
        if (repository.PullCount is { } pulls)
        {
            labels["pullCount"] = HarborApi.Number(pulls);
        }

        if (Known(repository.UpdateTime) is { } updated)
        {
            labels["updated"] = updated.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        }

        return labels;
    }
}
