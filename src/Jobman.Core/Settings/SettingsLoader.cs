using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jobman.Core.Settings;

/// <summary>
/// Loads settings in layers: the template shipped with the tool, then <c>~/.jobman/settings.json</c>, then the file
/// named by <c>JOBMAN_SETTINGS</c> (set by <c>jobman sandbox</c>), then the <c>-s</c> file. Objects merge key by key;
/// scalars, nulls and arrays replace (the original appended arrays).
/// </summary>
public static class SettingsLoader
{
    /// <summary>The environment variable naming a settings file merged over the user's, under <c>-s</c>.</summary>
    public const string EnvironmentVariable = "JOBMAN_SETTINGS";

    /// <summary>Loads and merges the given files; missing optional files are skipped.</summary>
    /// <param name="templatePath">The shipped template (optional: skipped when missing).</param>
    /// <param name="userPath">The user's home settings (optional).</param>
    /// <param name="explicitPath">The <c>-s</c> file: must exist when given.</param>
    /// <returns>The merged settings.</returns>
    /// <exception cref="JobmanException">Malformed JSON (naming file, line and column) or a missing <c>-s</c> file; exit code 2.</exception>
    public static JobmanSettings Load(string? templatePath, string? userPath, string? explicitPath) =>
        Load(templatePath, userPath, null, explicitPath);

    /// <summary>Loads and merges the given files; missing optional files are skipped.</summary>
    /// <param name="templatePath">The shipped template (optional: skipped when missing).</param>
    /// <param name="userPath">The user's home settings (optional).</param>
    /// <param name="environmentPath">The <c>JOBMAN_SETTINGS</c> file: must exist when given.</param>
    /// <param name="explicitPath">The <c>-s</c> file: must exist when given.</param>
    /// <returns>The merged settings.</returns>
    /// <exception cref="JobmanException">Malformed JSON (naming file, line and column) or a missing file; exit code 2.</exception>
    public static JobmanSettings Load(string? templatePath, string? userPath, string? environmentPath, string? explicitPath)
    {
        var root = new JsonObject();
        var sources = new List<string>();
        foreach (var path in new[] { templatePath, userPath })
        {
            if (path is not null && File.Exists(path))
            {
                MergeInto(root, ReadObject(path));
                sources.Add(path);
            }
        }

        if (environmentPath is not null)
        {
            if (!File.Exists(environmentPath))
            {
                throw JobmanException.Usage($"settings file '{environmentPath}' named by {EnvironmentVariable} does not exist");
            }

            MergeInto(root, ReadObject(environmentPath));
            sources.Add(environmentPath);
        }

        if (explicitPath is not null)
        {
            var full = Path.GetFullPath(explicitPath);
            if (!File.Exists(full))
            {
                throw JobmanException.Usage($"settings file '{explicitPath}' does not exist");
            }

            MergeInto(root, ReadObject(full));
            sources.Add(full);
        }

        return new JobmanSettings(root, sources);
    }

    /// <summary>Parses one settings file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Its top-level object.</returns>
    /// <exception cref="JobmanException">When the file is unreadable or not a JSON object.</exception>
    public static JsonObject ReadObject(string path)
    {
        var utf8 = Files.InputFiles.ReadBytes(path, "settings file");
        try
        {
            return Text.StrictJson.Parse(utf8, allowCommentsAndTrailingCommas: true) as JsonObject
                ?? throw JobmanException.Usage($"settings file '{path}' must contain a JSON object");
        }
        catch (JsonException ex)
        {
            // The duplicate-key check runs after parsing and knows no position: a "line 1, column 1" would mislead.
            var place = ex.LineNumber is { } line ? $" (line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1})" : string.Empty;
            var duplicate = ex.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) ? ": a key appears twice in one object" : string.Empty;
            throw JobmanException.Usage($"settings file '{path}' is not valid JSON{place}{duplicate}", ex);
        }
    }

    /// <summary>
    /// Settings objects a layer gives as a whole: a pod securityContext is one policy, and merging two of them key
    /// by key builds combinations nobody wrote (the template's <c>runAsNonRoot: true</c> with a user's
    /// <c>runAsUser: 0</c> is a pod Kubernetes refuses to start).
    /// </summary>
    public static IReadOnlyList<string> ReplacedWhole { get; } = ["job.securityContext"];

    /// <summary>Deep-merges <paramref name="overlay"/> into <paramref name="target"/>.</summary>
    /// <param name="target">Modified in place.</param>
    /// <param name="overlay">Wins on conflicts; arrays, scalars and the objects of <see cref="ReplacedWhole"/> replace.</param>
    public static void MergeInto(JsonObject target, JsonObject overlay) => MergeInto(target, overlay, string.Empty);

    private static void MergeInto(JsonObject target, JsonObject overlay, string path)
    {
        foreach (var (key, value) in overlay)
        {
            var keyPath = path.Length == 0 ? key : $"{path}.{key}";
            if (value is JsonObject overlayObject && target[key] is JsonObject targetObject && !ReplacedWhole.Contains(keyPath, StringComparer.Ordinal))
            {
                MergeInto(targetObject, overlayObject, keyPath);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
