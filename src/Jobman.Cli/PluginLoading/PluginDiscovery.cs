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
    /// <remarks>A plain array: generic collections of tuples are compiled at run time, which <c>--help</c> pays for.</remarks>
    private static (string Origin, string Folder)[] Roots(HostEnvironment environment)
    {
        var extra = environment.GetEnvironmentVariable(PluginsPathVariable) is { } value && !string.IsNullOrWhiteSpace(value)
            ? value.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        var roots = new (string Origin, string Folder)[extra.Length + 2];
        roots[0] = ("bundled", Path.Combine(environment.ToolDirectory, "plugins"));
        for (var i = 0; i < extra.Length; i++)
        {
            roots[i + 1] = (PluginsPathVariable, extra[i]);
        }

        roots[^1] = ("user", Path.Combine(environment.HomeDirectory, ".jobman", "plugins"));
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
        foreach (var (origin, root) in Roots(environment))
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            var folders = Directory.GetDirectories(root);
            Array.Sort(folders, StringComparer.Ordinal);
            foreach (var folder in folders)
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
