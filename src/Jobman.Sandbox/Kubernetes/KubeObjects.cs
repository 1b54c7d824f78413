using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>Small helpers over raw JSON objects, so the double stays as close to the wire as possible.</summary>
internal static class KubeObjects
{
    /// <summary>Compact JSON without escaping quotes/apostrophes/non-ASCII needlessly (closer to Go's encoder).</summary>
    public static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] MetadataOrder =
    [
        "name", "generateName", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers",
    ];

    /// <summary>RFC 3339 with whole seconds, as metav1.Time serialises.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 with nanoseconds and fixed width, as the kubelet prefixes log lines.</summary>
    public static string TimeNano(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject meta)
        {
            meta = new JsonObject();
            obj["metadata"] = meta;
        }

        return meta;
    }

    public static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is not JsonObject child)
        {
            child = new JsonObject();
            parent[name] = child;
        }

        return child;
    }

    public static string? Name(JsonObject obj) => Str(obj["metadata"]?["name"]);

    public static string? Namespace(JsonObject obj) => Str(obj["metadata"]?["namespace"]);

    public static string? Uid(JsonObject obj) => Str(obj["metadata"]?["uid"]);

    public static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Any JSON integer, whether parsed from the wire or set from C# (int/long-backed values differ in TryGetValue).</summary>
    public static long? Long(JsonNode? node) =>
        node is JsonValue v && long.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var l) ? l : null;

    public static bool? Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public static string Key(string? ns, string name) => ns is null ? name : $"{ns}/{name}";

    /// <summary>A deep copy with <c>kind</c> and <c>apiVersion</c> first, as single-object responses and watch events carry them.</summary>
    public static JsonObject WithTypeMeta(ResourceType type, JsonObject obj)
    {
        var copy = new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion };
        foreach (var (key, value) in obj)
        {
            if (key is not ("kind" or "apiVersion"))
            {
                copy[key] = value?.DeepClone();
            }
        }

        return copy;
    }

    /// <summary>A deep copy without <c>kind</c>/<c>apiVersion</c>: how items appear inside a raw API list.</summary>
    public static JsonObject WithoutTypeMeta(JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key is not ("kind" or "apiVersion"))
            {
                copy[key] = value?.DeepClone();
            }
        }

        return copy;
    }

    /// <summary>
    /// Puts fields in Go struct order as apiserver serialises them: metadata first (its own fields in ObjectMeta order),
    /// status last. JSON order is cosmetic, but it keeps captures and diffs readable.
    /// </summary>
    public static void Canonicalize(JsonObject obj)
    {
        var entries = obj.ToList();
        obj.Clear();
        var ordered = entries.Where(kv => kv.Key is "kind" or "apiVersion")
            .Concat(entries.Where(kv => kv.Key == "metadata"))
            .Concat(entries.Where(kv => kv.Key is not ("kind" or "apiVersion" or "metadata" or "status")))
            .Concat(entries.Where(kv => kv.Key == "status"));
        foreach (var (key, value) in ordered)
        {
            obj[key] = key == "metadata" && value is JsonObject meta ? OrderedMetadata(meta) : value?.DeepClone();
        }
    }

    private static JsonObject OrderedMetadata(JsonObject meta)
    {
        var ordered = new JsonObject();
        foreach (var key in MetadataOrder.Where(meta.ContainsKey))
        {
            ordered[key] = meta[key]?.DeepClone();
        }

        foreach (var (key, value) in meta.Where(kv => !MetadataOrder.Contains(kv.Key)))
        {
            ordered[key] = value?.DeepClone();
        }

        return ordered;
    }

    public static JsonObject? Condition(JsonObject status, string type) =>
        (status["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => Str(c["type"]) == type);

    public static bool HasTrueCondition(JsonObject obj, string type) =>
        obj["status"] is JsonObject status && Str(Condition(status, type)?["status"]) == "True";
}
