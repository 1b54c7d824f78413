using System.Text.Json;
using System.Text.Json.Nodes;
using Jobman.Core.Commands;
using Jobman.Core.Settings;

namespace Jobman.Core.Flavors;

/// <summary>
/// All predefined flavors from every <see cref="IResourceFlavorProvider"/>, and the rules for turning
/// <c>submit -r VALUE</c> into a flavor: inline JSON, a JSON file, or a predefined name; the default from settings
/// when absent. A custom flavor that reuses a predefined name with other resources is refused, because the
/// queue groups jobs by that name.
/// </summary>
public sealed class ResourceFlavorCatalog
{
    private readonly IReadOnlyList<IResourceFlavorProvider> _providers;
    private readonly JobmanSettings _settings;
    private readonly List<string> _unavailable = [];
    private IReadOnlyList<ResourceFlavor>? _all;
    private ClusterTarget? _allFrom;

    /// <summary>Creates the catalog (registered by the host).</summary>
    /// <param name="providers">Every registered provider.</param>
    /// <param name="settings">The merged settings (for the default flavor).</param>
    public ResourceFlavorCatalog(IEnumerable<IResourceFlavorProvider> providers, JobmanSettings settings)
    {
        _providers = providers.ToList();
        _settings = settings;
    }

    /// <summary>The default flavor's name from <c>job.resources.default</c>.</summary>
    public string? DefaultName => _settings.Job.Resources.Default;

    /// <summary>
    /// One message per source that threw <see cref="FlavorSourceUnavailableException"/> during <see cref="AllAsync(ClusterTarget, CancellationToken)"/>;
    /// its flavors are missing from the list (show these as warnings).
    /// </summary>
    public IReadOnlyList<string> Unavailable => _unavailable;

    /// <summary>All flavors of all providers, in provider order (sources that are unavailable are skipped).</summary>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The flavors.</returns>
    public Task<IReadOnlyList<ResourceFlavor>> AllAsync(CancellationToken cancellationToken) => AllAsync(ClusterTarget.Default, cancellationToken);

    /// <summary>All flavors of all providers on the cluster a command chose, in provider order (unavailable sources skipped).</summary>
    /// <param name="cluster">The invocation's cluster selection.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The flavors.</returns>
    /// <remarks>Added in Jobman.Core 1.1.</remarks>
    public async Task<IReadOnlyList<ResourceFlavor>> AllAsync(ClusterTarget cluster, CancellationToken cancellationToken)
    {
        if (_all is null || _allFrom != cluster)
        {
            var all = new List<ResourceFlavor>();
            _unavailable.Clear();
            foreach (var provider in _providers)
            {
                try
                {
                    all.AddRange(await provider.GetFlavorsAsync(cluster, cancellationToken).ConfigureAwait(false));
                }
                catch (FlavorSourceUnavailableException ex)
                {
                    _unavailable.Add(ex.Message);
                }
            }

            _all = all;
            _allFrom = cluster;
        }

        return _all;
    }

    /// <summary>The flavors of the queues the user can submit to (see <see cref="IResourceFlavorProvider.GetQueueFlavorsAsync"/>); unavailable sources add to <see cref="Unavailable"/>.</summary>
    /// <param name="cluster">The invocation's cluster selection.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The queue flavors of every provider, in provider order.</returns>
    /// <remarks>Added in Jobman.Core 1.3.</remarks>
    public async Task<IReadOnlyList<QueueFlavor>> QueueFlavorsAsync(ClusterTarget cluster, CancellationToken cancellationToken)
    {
        var all = new List<QueueFlavor>();
        foreach (var provider in _providers)
        {
            try
            {
                all.AddRange(await provider.GetQueueFlavorsAsync(cluster, cancellationToken).ConfigureAwait(false));
            }
            catch (FlavorSourceUnavailableException ex)
            {
                _unavailable.Add(ex.Message);
            }
        }

        return all;
    }

    /// <summary>Names defined by more than one source with different resources.</summary>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>One message per conflicting name.</returns>
    public Task<IReadOnlyList<string>> ConflictsAsync(CancellationToken cancellationToken) => ConflictsAsync(ClusterTarget.Default, cancellationToken);

    /// <summary>Names defined by more than one source with different resources, on the cluster a command chose.</summary>
    /// <param name="cluster">The invocation's cluster selection.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>One message per conflicting name.</returns>
    /// <remarks>Added in Jobman.Core 1.1.</remarks>
    public async Task<IReadOnlyList<string>> ConflictsAsync(ClusterTarget cluster, CancellationToken cancellationToken)
    {
        var all = await AllAsync(cluster, cancellationToken).ConfigureAwait(false);
        return all.GroupBy(f => f.Name, StringComparer.Ordinal)
            .Where(g => g.Skip(1).Any(f => !f.HasSameResources(g.First())))
            .Select(g => $"flavor '{g.Key}' is defined with different resources by: {string.Join(", ", g.Select(f => f.Source).Distinct())}")
            .ToList();
    }

    /// <summary>Resolves the value of <c>-r/--resources-flavor</c>.</summary>
    /// <param name="argument">Inline JSON, a JSON file path, a flavor name, or null for the default.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The flavor to use.</returns>
    /// <exception cref="JobmanException">Unknown name, bad JSON, missing default or a conflicting custom flavor (exit code 2).</exception>
    public Task<ResourceFlavor> ResolveAsync(string? argument, CancellationToken cancellationToken) => ResolveAsync(argument, ClusterTarget.Default, cancellationToken);

    /// <summary>Resolves the value of <c>-r/--resources-flavor</c> against the flavors of the cluster a command chose.</summary>
    /// <param name="argument">Inline JSON, a JSON file path, a flavor name, or null for the default.</param>
    /// <param name="cluster">The invocation's cluster selection.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The flavor to use.</returns>
    /// <exception cref="JobmanException">Unknown name, bad JSON, missing default or a conflicting custom flavor (exit code 2).</exception>
    /// <remarks>Added in Jobman.Core 1.1.</remarks>
    public async Task<ResourceFlavor> ResolveAsync(string? argument, ClusterTarget cluster, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(argument))
        {
            if (DefaultName is null)
            {
                throw JobmanException.Usage("no resources flavor given: pass -r/--resources-flavor NAME|JSON|FILE or set job.resources.default in settings");
            }

            return await FindAsync(DefaultName, "the default flavor (job.resources.default)", cluster, cancellationToken).ConfigureAwait(false);
        }

        var trimmed = argument.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            return await CheckCustomAsync(ParseJson(argument, "-r/--resources-flavor"), cluster, cancellationToken).ConfigureAwait(false);
        }

        if (File.Exists(argument))
        {
            var text = Files.InputFiles.ReadText(argument, "flavor file");
            return await CheckCustomAsync(ParseJson(text, $"flavor file '{argument}'"), cluster, cancellationToken).ConfigureAwait(false);
        }

        return await FindAsync(argument, $"flavor '{argument}'", cluster, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ResourceFlavor> FindAsync(string name, string what, ClusterTarget cluster, CancellationToken cancellationToken)
    {
        var all = await AllAsync(cluster, cancellationToken).ConfigureAwait(false);
        var matches = all.Where(f => string.Equals(f.Name, name, StringComparison.Ordinal)).ToList();
        if (matches.Count == 0)
        {
            var known = all.Select(f => f.Name).Distinct().ToList();
            var note = _unavailable.Count == 0 ? string.Empty : $" (note: {string.Join("; ", _unavailable)})";
            throw JobmanException.Usage((known.Count == 0
                ? $"{what} is not defined: no predefined flavors are configured (see 'jobman resources-flavors')"
                : $"{what} is not defined; known flavors: {string.Join(", ", known)}") + note);
        }

        if (matches.Skip(1).Any(f => !f.HasSameResources(matches[0])))
        {
            throw JobmanException.Usage($"{what} is defined with different resources by {string.Join(" and ", matches.Select(f => f.Source))}; fix the settings so they agree");
        }

        return matches[0];
    }

    private async Task<ResourceFlavor> CheckCustomAsync(ResourceFlavor custom, ClusterTarget cluster, CancellationToken cancellationToken)
    {
        if (custom.Name.Length == 0)
        {
            return custom;
        }

        var all = await AllAsync(cluster, cancellationToken).ConfigureAwait(false);
        var clash = all.FirstOrDefault(f => string.Equals(f.Name, custom.Name, StringComparison.Ordinal) && !f.HasSameResources(custom));
        if (clash is not null)
        {
            throw JobmanException.Usage($"custom flavor '{custom.Name}' has the name of the {clash.Source} flavor '{clash.Name}' but different resources; rename it or use -r {clash.Name}");
        }

        return custom;
    }

    private static ResourceFlavor ParseJson(string text, string where)
    {
        JsonNode? node;
        try
        {
            node = Text.StrictJson.Parse(text);
        }
        catch (JsonException ex)
        {
            throw JobmanException.Usage($"{where} is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1})", ex);
        }

        return ResourceFlavorParser.Parse(node, "inline", where);
    }
}
