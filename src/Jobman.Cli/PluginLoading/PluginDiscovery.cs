using Jobman.Cli.Hosting;

namespace Jobman.Cli.PluginLoading;

/// <summary>
/// Finds plugin assemblies in priority order: bundled (<c>&lt;tool dir&gt;/plugins</c>), each entry of
/// <c>JOBMAN_PLUGINS_PATH</c>, then <c>~/.jobman/plugins</c>. The first plugin of a name wins; later ones are
/// reported as shadowed.
/// </summary>
public static class PluginDiscovery
{
    /// <summary>The environment variable with extra plugin roots, separated like PATH.</summary>
    public const string PluginsPathVariable = "JOBMAN_PLUGINS_PATH";

    /// <summary>The search roots, highest priority first.</summary>
    /// <param name="environment">The host environment.</param>
    /// <returns>Pairs of origin label and folder.</returns>
    public static IReadOnlyList<(string Origin, string Folder)> SearchRoots(HostEnvironment environment)
    {
        var roots = new List<(string, string)> { ("bundled", Path.Combine(environment.ToolDirectory, "plugins")) };
        var extra = environment.GetEnvironmentVariable(PluginsPathVariable);
        if (!string.IsNullOrWhiteSpace(extra))
        {
            roots.AddRange(extra.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(folder => (PluginsPathVariable, folder)));
        }

        roots.Add(("user", Path.Combine(environment.HomeDirectory, ".jobman", "plugins")));
        return roots;
    }

    /// <summary>Lists the plugins to load and the ones shadowed by an earlier plugin of the same name.</summary>
    /// <param name="environment">The host environment.</param>
    /// <returns>The winners in priority order, and the shadowed candidates with the path that shadows them.</returns>
    public static (IReadOnlyList<PluginCandidate> Plugins, IReadOnlyList<(PluginCandidate Shadowed, string By)> Shadowed) Discover(HostEnvironment environment)
    {
        var winners = new Dictionary<string, PluginCandidate>(StringComparer.OrdinalIgnoreCase);
        var ordered = new List<PluginCandidate>();
        var shadowed = new List<(PluginCandidate, string)>();
        foreach (var (origin, root) in SearchRoots(environment))
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(folder);
                var dll = Path.Combine(folder, name + ".dll");
                if (!File.Exists(dll))
                {
                    continue;
                }

                var candidate = new PluginCandidate(name, dll, origin);
                if (winners.TryGetValue(name, out var winner))
                {
                    shadowed.Add((candidate, winner.AssemblyPath));
                    continue;
                }

                winners[name] = candidate;
                ordered.Add(candidate);
            }
        }

        return (ordered, shadowed);
    }
}
