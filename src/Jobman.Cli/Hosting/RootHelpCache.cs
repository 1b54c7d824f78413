using System.Globalization;
using System.Text;
using Jobman.Cli.PluginLoading;
using Jobman.Cli.Rendering;
using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Core.Settings;

namespace Jobman.Cli.Hosting;

/// <summary>
/// What <c>jobman --help</c> printed last time (the unknown-settings-keys warning and the help text), in
/// <c>~/.jobman/cache/root-help.txt</c>, with everything it depends on: the size and time of the host's assemblies
/// and of each plugin (with its path), and the size and hash of each settings file. When all of these are unchanged
/// the next <c>--help</c> prints the same without parsing any JSON or loading anything (System.Text.Json's warm-up
/// alone was a third of <c>--help</c>): same bytes give the same parse, so broken settings are never replayed (their
/// bytes differ from any that parsed) and an unknown key is still warned about. Anything missing, different or
/// unreadable falls back to the normal path.
/// Plain text with length-prefixed fields (<c>length:text</c>, one a line), so reading it needs no parser.
/// </summary>
internal static class RootHelpCache
{
    private const string Format = "jobman-root-help 1";

    public static string FileIn(string homeDirectory) => Path.Combine(homeDirectory, ".jobman", "cache", "root-help.txt");

    /// <summary>The settings files the host reads for a command line without <c>-s</c>, lowest precedence first.</summary>
    public static string[] SettingsFiles(HostEnvironment environment) =>
        environment.GetEnvironmentVariable(SettingsLoader.EnvironmentVariable) is { Length: > 0 } fromEnvironment
            ? [Path.Combine(environment.ToolDirectory, "settings.template.json"), Path.Combine(environment.HomeDirectory, ".jobman", "settings.json"), Path.GetFullPath(fromEnvironment)]
            : [Path.Combine(environment.ToolDirectory, "settings.template.json"), Path.Combine(environment.HomeDirectory, ".jobman", "settings.json")];

    /// <summary>Prints the cached warning and help when the cache describes exactly this host, plugins and settings.</summary>
    /// <returns>False (nothing printed) when the normal path must run.</returns>
    public static bool TryPrint(HostEnvironment environment, bool color)
    {
        string? warning;
        string? help;
        try
        {
            // No File.Exists first: a missing cache (FileNotFoundException) is the rare case.
            var fields = new FieldReader(Encoding.UTF8.GetString(File.ReadAllBytes(FileIn(environment.HomeDirectory))));
            if (fields.Next() != Format || !HostMatches(fields) || !PluginsMatch(fields, environment) || !SettingsMatch(fields, environment))
            {
                return false;
            }

            warning = fields.Next();
            help = fields.Next();
            if (warning is null || help is null || !fields.AtEnd)
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        if (warning.Length > 0)
        {
            new ConsoleOutput(environment, OutputFormat.Table, color).Warn(warning);
        }

        environment.Out.Write(help);
        return true;
    }

    /// <summary>
    /// Remembers what <c>--help</c> prints, provided the settings files still hold the bytes read before they were
    /// loaded (<paramref name="settingsBefore"/>); a read-only or full home only costs the next run the normal path.
    /// </summary>
    public static void TryWrite(HostEnvironment environment, IReadOnlyList<PluginCandidate> plugins, SettingsStamp[] settingsBefore, string warning, string help)
    {
        var file = FileIn(environment.HomeDirectory);
        try
        {
            var settingsNow = SettingsStamp.Take(SettingsFiles(environment));
            if (HostAssemblies() is not { } hostAssemblies || !settingsNow.SequenceEqual(settingsBefore))
            {
                return;
            }

            var text = new StringBuilder();
            Append(text, Format);
            foreach (var assembly in hostAssemblies)
            {
                var (size, modified) = PluginManifest.Stamp(assembly);
                Append(text, size);
                Append(text, modified);
            }
            Append(text, plugins.Count);
            foreach (var plugin in plugins)
            {
                var (size, modified) = PluginManifest.Stamp(plugin.AssemblyPath);
                Append(text, plugin.Name);
                Append(text, plugin.AssemblyPath);
                Append(text, plugin.Origin);
                Append(text, size);
                Append(text, modified);
            }

            Append(text, settingsNow.Length);
            foreach (var stamp in settingsNow)
            {
                Append(text, stamp.Path);
                Append(text, stamp.Size);
                Append(text, stamp.Hash);
            }

            Append(text, warning);
            Append(text, help);
            // Owner-only: the hashes are of the user's settings files.
            Core.Files.PrivateFiles.WriteAllText(file, text.ToString());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the cache is an optimisation.
        }
    }

    /// <summary>
    /// The host's assemblies, whose sizes and times stand for the host build: jobman (version, built-in commands)
    /// and Jobman.Core (the settings keys it knows, which decide the warning).
    /// </summary>
    /// <returns>Null when one is not a file.</returns>
    private static string[]? HostAssemblies()
    {
        string[] paths = [typeof(RootHelpCache).Assembly.Location, typeof(ExitCodes).Assembly.Location];
        return Array.TrueForAll(paths, path => path.Length > 0) ? paths : null;
    }

    private static bool HostMatches(FieldReader fields)
    {
        if (HostAssemblies() is not { } hostAssemblies)
        {
            return false;
        }

        foreach (var assembly in hostAssemblies)
        {
            var (size, modified) = PluginManifest.Stamp(assembly);
            if (fields.NextInt64() != size || fields.NextInt64() != modified)
            {
                return false;
            }
        }

        return true;
    }

    private static bool PluginsMatch(FieldReader fields, HostEnvironment environment)
    {
        var (candidates, shadowed) = PluginDiscovery.Discover(environment);
        // A shadowed plugin is warned about on every run: only the normal path does that.
        if (shadowed.Count > 0 || candidates.Count == 0 || fields.NextInt64() != candidates.Count)
        {
            return false;
        }

        foreach (var candidate in candidates)
        {
            if (fields.Next() != candidate.Name || fields.Next() != candidate.AssemblyPath || fields.Next() != candidate.Origin)
            {
                return false;
            }

            var (size, modified) = PluginManifest.Stamp(candidate.AssemblyPath);
            if (fields.NextInt64() != size || fields.NextInt64() != modified)
            {
                return false;
            }
        }

        return true;
    }

    private static bool SettingsMatch(FieldReader fields, HostEnvironment environment)
    {
        var paths = SettingsFiles(environment);
        if (fields.NextInt64() != paths.Length)
        {
            return false;
        }

        foreach (var path in paths)
        {
            if (fields.Next() != path)
            {
                return false;
            }

            var now = SettingsStamp.Take(path);
            if (fields.NextInt64() != now.Size || fields.Next() != now.Hash)
            {
                return false;
            }
        }

        return true;
    }

    private static void Append(StringBuilder text, long value) => Append(text, value.ToString(CultureInfo.InvariantCulture));

    private static void Append(StringBuilder text, string value) =>
        text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');

    /// <summary>Reads the <c>length:text</c> fields in order; null once the text is malformed or used up.</summary>
    private sealed class FieldReader(string text)
    {
        private int _position;

        public bool AtEnd => _position == text.Length;

        public string? Next()
        {
            var colon = text.IndexOf(':', _position);
            if (colon < 0 || !int.TryParse(text.AsSpan(_position, colon - _position), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || length > text.Length - colon - 2 || text[colon + 1 + length] != '\n')
            {
                _position = text.Length;
                return null;
            }

            _position = colon + 2 + length;
            return text.Substring(colon + 1, length);
        }

        public long? NextInt64() =>
            long.TryParse(Next(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
