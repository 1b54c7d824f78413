using System.Text.Json;
using System.Text.Json.Nodes;
using Jobman.Core.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Jobman.Cli.PluginLoading;

/// <summary>
/// A cache of what the plugins contribute (command names, descriptions, which plugins each command needs, settings
/// sections, the root help text), in <c>~/.jobman/cache/plugins.json</c>, so that <c>--help</c> loads no plugin and
/// builds no command, and a command loads only the plugins it needs. Loading plugin assemblies is about a third of jobman's startup. The cache is keyed by
/// the jobman version and each plugin's path, size and modification time; anything missing, stale or unreadable
/// means "load everything" (and rewrite it). It is only written after a load without any warning, so a broken
/// plugin is loaded, and reported, on every run.
/// </summary>
internal sealed class PluginManifest
{
    /// <summary>Set to <c>off</c> to ignore the cache (load every plugin, as before it existed).</summary>
    public const string SwitchVariable = "JOBMAN_PLUGIN_CACHE";

    private const int Format = 2;

    private readonly List<PluginEntry> _plugins;
    private readonly List<CommandEntry> _commands;

    private PluginManifest(List<PluginEntry> plugins, List<CommandEntry> commands)
    {
        _plugins = plugins;
        _commands = commands;
    }

    public static string FileIn(string homeDirectory) => Path.Combine(homeDirectory, ".jobman", "cache", "plugins.json");

    /// <summary>The cache if it describes exactly these candidates, else null.</summary>
    /// <remarks>
    /// Read as a JsonDocument with plain loops: JsonNode's typed value reads and LINQ over tuples are generic over value
    /// types, compiled at run time on every start (~3 ms of each command's start).
    /// </remarks>
    public static PluginManifest? TryRead(string file, string hostVersion, IReadOnlyList<PluginCandidate> candidates)
    {
        try
        {
            if (candidates.Count == 0 || !File.Exists(file))
            {
                return null;
            }

            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.Number
                || format.GetInt32() != Format || !root.TryGetProperty("host", out var host) || host.ValueKind != JsonValueKind.String
                || host.GetString() != hostVersion)
            {
                return null;
            }

            var plugins = new List<PluginEntry>();
            foreach (var p in root.GetProperty("plugins").EnumerateArray())
            {
                var sections = new List<string>();
                foreach (var section in p.GetProperty("settingsSections").EnumerateArray())
                {
                    sections.Add(Text(section));
                }

                plugins.Add(new PluginEntry(Text(p, "name"), Text(p, "path"), Text(p, "origin"), p.GetProperty("size").GetInt64(), p.GetProperty("modified").GetInt64(), sections));
            }

            if (plugins.Count != candidates.Count)
            {
                return null;
            }

            for (var i = 0; i < plugins.Count; i++)
            {
                if (!plugins[i].Describes(candidates[i]))
                {
                    return null;
                }
            }

            var commands = new List<CommandEntry>();
            foreach (var c in root.GetProperty("commands").EnumerateArray())
            {
                List<string>? needs = null;
                if (c.TryGetProperty("needs", out var needed) && needed.ValueKind == JsonValueKind.Array)
                {
                    needs = [];
                    foreach (var n in needed.EnumerateArray())
                    {
                        needs.Add(Text(n));
                    }
                }

                commands.Add(new CommandEntry(Text(c, "name"), OptionalText(c, "parent"), Text(c, "description"), OptionalText(c, "owner"), needs, OptionalText(c, "type")));
            }

            return new PluginManifest(plugins, commands);
        }
        catch (Exception)
        {
            // A corrupt or half-written cache is the same as none: load everything.
            return null;
        }
    }

    private static string Text(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw new JsonException("a string was expected");

    private static string Text(JsonElement element, string name) => Text(element.GetProperty(name));

    private static string? OptionalText(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? Text(value) : null;

    /// <summary>Describes a full load: every candidate loaded and every command resolved.</summary>
    public static PluginManifest Build(PluginCatalog catalog, IServiceCollection services)
    {
        var plugins = catalog.Candidates.Select(c =>
        {
            var (size, modified) = Stamp(c.AssemblyPath);
            var sections = catalog.Loaded.Single(l => ReferenceEquals(l.Candidate, c)).Entry.SettingsSections;
            return new PluginEntry(c.Name, c.AssemblyPath, c.Origin, size, modified, [.. sections]);
        }).ToList();
        var commands = catalog.Resolved.Select(r => new CommandEntry(
            r.Command.Spec.Name, r.Command.Spec.Parent, r.Command.Spec.Description, catalog.OwnerOf(r.Descriptor)?.Candidate.Name,
            CommandDependencies.PluginsNeededBy(r.Descriptor, services, catalog)?.Order(StringComparer.Ordinal).ToList(),
            r.Descriptor.ImplementationType?.FullName)).ToList();
        return new PluginManifest(plugins, commands);
    }

    /// <summary>
    /// The plugins to load for a command line naming <paramref name="word"/>: none without a command (help,
    /// version, usage errors), the owner and needs of the command (or of every command of a group), or null (all)
    /// when the word is unknown or a command needs everything.
    /// </summary>
    public IReadOnlySet<string>? PluginsFor(string? word)
    {
        var needed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (word is null)
        {
            return needed;
        }

        var matching = CommandsNamedBy(word);
        if (matching.Count == 0 || matching.Any(c => c.Needs is null))
        {
            return null;
        }

        foreach (var command in matching)
        {
            if (command.Owner is not null)
            {
                needed.Add(command.Owner);
            }

            needed.UnionWith(command.Needs!);
        }

        return needed;
    }

    /// <summary>
    /// The implementation types of the commands a command line naming <paramref name="word"/> runs (the command, or
    /// every command of a group), or null when all commands must be created: the word is unknown, a command needs
    /// every plugin (<c>plugins</c>, <c>completion</c> list them all) or is not a plain type registration. Creating
    /// every command of the loaded plugins (each with its options) and parsing against all of them cost `list`
    /// ~25 ms (bench/RESULTS.md, issue 14); the others get stand-ins.
    /// </summary>
    public IReadOnlySet<string>? CommandTypesFor(string? word)
    {
        var matching = word is null ? [] : CommandsNamedBy(word);
        return matching.Count == 0 || matching.Any(c => c.Needs is null || c.Type is null)
            ? null
            : matching.Select(c => c.Type!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The command a command line's first word names, or every command of the group it names.</summary>
    private List<CommandEntry> CommandsNamedBy(string word) =>
        _commands.Where(c => (c.Parent is null && c.Name == word) || c.Parent == word).ToList();

    /// <summary>Stand-ins for every command of the manifest that <paramref name="created"/> does not hold.</summary>
    public IEnumerable<ICommand> StubsExcept(IReadOnlyList<ICommand> created) =>
        _commands.Where(c => !created.Any(r => r.Spec.Name == c.Name && r.Spec.Parent == c.Parent))
            .Select(c => new PluginCommandStub(new CommandSpec(c.Name, c.Description) { Parent = c.Parent }));

    /// <summary>The settings sections of plugins that were not loaded (so their keys are not reported as unknown).</summary>
    public IEnumerable<string> SettingsSectionsOf(IEnumerable<PluginCandidate> notLoaded)
    {
        var names = notLoaded.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return _plugins.Where(p => names.Contains(p.Name)).SelectMany(p => p.SettingsSections);
    }

    /// <summary>Writes the cache; a read-only or full home only costs the next run a full load.</summary>
    public void TryWrite(string file, string hostVersion)
    {
        var root = new JsonObject
        {
            ["format"] = Format,
            ["host"] = hostVersion,
            ["plugins"] = new JsonArray([.. _plugins.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Name,
                ["path"] = p.Path,
                ["origin"] = p.Origin,
                ["size"] = p.Size,
                ["modified"] = p.Modified,
                ["settingsSections"] = new JsonArray([.. p.SettingsSections.Select(s => (JsonNode)s)]),
            })]),
            ["commands"] = new JsonArray([.. _commands.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["parent"] = c.Parent,
                ["description"] = c.Description,
                ["owner"] = c.Owner,
                ["needs"] = c.Needs is null ? null : new JsonArray([.. c.Needs.Select(n => (JsonNode)n)]),
                ["type"] = c.Type,
            })]),
        };
        try
        {
            Core.Files.PrivateFiles.WriteAllText(file, root.ToJsonString());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the cache is an optimisation.
        }
    }

    /// <summary>What tells a plugin file apart from its earlier versions: size and modification time.</summary>
    internal static (long Size, long Modified) Stamp(string path)
    {
        var info = new FileInfo(path);
        return (info.Length, info.LastWriteTimeUtc.Ticks);
    }

    private sealed record PluginEntry(string Name, string Path, string Origin, long Size, long Modified, IReadOnlyList<string> SettingsSections)
    {
        public bool Describes(PluginCandidate candidate)
        {
            if (Name != candidate.Name || Path != candidate.AssemblyPath || Origin != candidate.Origin)
            {
                return false;
            }

            var (size, modified) = Stamp(candidate.AssemblyPath);
            return Size == size && Modified == modified;
        }
    }

    /// <summary>
    /// One command; <c>Needs</c> lists the plugins needed besides the owner, or is null when every plugin is needed;
    /// <c>Type</c> is its implementation type, null when it is registered otherwise (a factory or an instance).
    /// </summary>
    private sealed record CommandEntry(string Name, string? Parent, string Description, string? Owner, IReadOnlyList<string>? Needs, string? Type);
}
