using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Jobman.Core.Settings;

/// <summary>
/// The merged settings. Keys of the original jobman 1.x stay valid; plugins read their own sections with
/// <see cref="Section{T}(string, System.Text.Json.Serialization.Metadata.JsonTypeInfo{T})"/>.
/// </summary>
public sealed class JobmanSettings
{
    /// <summary>
    /// Top-level keys jobman itself understands (the original's plus the rebuild's). <c>history</c> (Jobman.Core 1.3) is
    /// read by the bundled History plugin; it is listed here because the settings template ships it, so that leaving
    /// that plugin out never makes every command warn about the template.
    /// </summary>
    public static readonly IReadOnlySet<string> KnownTopLevelKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "$schema", "sharedNamespace", "sharedConfigmap", "jobsQueue", "job", "newVersion", "kubeConfig", "harbor",
        "ociRegistry", "imageRegistry", "history",
    };

    private static readonly JsonSerializerOptions SectionOptions = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>Wraps a merged settings document.</summary>
    /// <param name="root">The merged JSON object.</param>
    /// <param name="sources">The files merged, lowest precedence first.</param>
    public JobmanSettings(JsonObject root, IReadOnlyList<string> sources)
    {
        Root = root;
        Sources = sources;
    }

    /// <summary>The merged document.</summary>
    public JsonObject Root { get; }

    /// <summary>The files merged, lowest precedence first.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>Empty settings, for tests and commands that need none.</summary>
    public static JobmanSettings Empty { get; } = new(new JsonObject(), []);

    /// <summary>The <c>jobsQueue</c> section.</summary>
    public JobsQueueSettings JobsQueue => Section("jobsQueue", SettingsJson.Default.JobsQueueSection)?.ToSettings() ?? new JobsQueueSettings();

    /// <summary>The <c>job</c> section.</summary>
    public JobSettings Job => Section("job", SettingsJson.Default.JobSection)?.ToSettings() ?? new JobSettings();

    /// <summary>The <c>kubeConfig</c> section.</summary>
    public KubeConfigSettings KubeConfig => Section("kubeConfig", SettingsJson.Default.KubeConfigSection)?.ToSettings() ?? new KubeConfigSettings();

    /// <summary>Namespace of the cluster-wide flavors ConfigMap (<c>sharedNamespace</c>).</summary>
    public string? SharedNamespace => GetString("sharedNamespace");

    /// <summary>Name of the cluster-wide flavors ConfigMap (<c>sharedConfigmap</c>).</summary>
    public string? SharedConfigmap => GetString("sharedConfigmap");

    /// <summary>The raw node at a dotted path (e.g. <c>job.resources.predefined</c>), or null.</summary>
    /// <param name="dottedPath">Keys separated by dots.</param>
    /// <returns>The node or null when any part is missing.</returns>
    public JsonNode? Get(string dottedPath)
    {
        JsonNode? node = Root;
        foreach (var part in dottedPath.Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(part, out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>A string at a dotted path, or null when missing, null or empty.</summary>
    /// <param name="dottedPath">Keys separated by dots.</param>
    /// <returns>The string or null.</returns>
    public string? GetString(string dottedPath) =>
        Get(dottedPath) is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    /// <summary>Deserializes a section (camelCase keys) into <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The section type.</typeparam>
    /// <param name="dottedPath">Keys separated by dots.</param>
    /// <returns>The section, or null when absent or null.</returns>
    /// <exception cref="JobmanException">When the section has the wrong shape (exit code 2).</exception>
    /// <remarks>Reflection-based: its first call costs a command ~20 ms; plugins on a start-up path pass generated metadata instead.</remarks>
    public T? Section<T>(string dottedPath)
        where T : class =>
        Section(dottedPath, node => node.Deserialize<T>(SectionOptions));

    /// <summary>Deserializes a section with source-generated metadata: no reflection, so cheap on every command's path.</summary>
    /// <typeparam name="T">The section type.</typeparam>
    /// <param name="dottedPath">Keys separated by dots.</param>
    /// <param name="typeInfo">Metadata from a <c>JsonSerializerContext</c>; give it <c>JsonSerializerDefaults.Web</c> and
    /// <c>NumberHandling = AllowReadingFromString</c> to read a section as <see cref="Section{T}(string)"/> does. Use
    /// settable properties: generated code gives a missing init-only property its type's default, not its initial value.</param>
    /// <returns>The section, or null when absent or null.</returns>
    /// <exception cref="JobmanException">When the section has the wrong shape (exit code 2).</exception>
    /// <remarks>Added in Jobman.Core 1.4.</remarks>
    public T? Section<T>(string dottedPath, JsonTypeInfo<T> typeInfo)
        where T : class =>
        Section(dottedPath, node => node.Deserialize(typeInfo));

    private T? Section<T>(string dottedPath, Func<JsonNode, T?> deserialize)
        where T : class
    {
        var node = Get(dottedPath);
        if (node is null)
        {
            return null;
        }

        try
        {
            return deserialize(node);
        }
        catch (JsonException ex)
        {
            throw JobmanException.Usage($"settings key '{dottedPath}' has an invalid value: {ex.Message}", ex);
        }
    }

    /// <summary>Top-level keys that neither jobman nor the loaded plugins understand.</summary>
    /// <param name="pluginKeys">Section names declared by plugins.</param>
    /// <returns>The unknown keys, for a warning.</returns>
    public IEnumerable<string> UnknownTopLevelKeys(IEnumerable<string> pluginKeys)
    {
        var known = new HashSet<string>(KnownTopLevelKeys, StringComparer.Ordinal);
        known.UnionWith(pluginKeys);
        // A loop, not LINQ: LINQ over the object's key/value pairs (a value type) is compiled at run time on every start.
        var unknown = new List<string>();
        foreach (var (key, _) in Root)
        {
            if (!known.Contains(key))
            {
                unknown.Add(key);
            }
        }

        return unknown;
    }
}
