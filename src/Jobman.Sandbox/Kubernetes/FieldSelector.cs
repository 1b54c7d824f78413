using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>The <c>fieldSelector</c> query: <c>path=value</c>, <c>path==value</c>, <c>path!=value</c>, comma-separated.</summary>
internal sealed class FieldSelector
{
    private static readonly Dictionary<ResourceType, string[]> Supported = new()
    {
        [ResourceType.Jobs] = ["metadata.name", "metadata.namespace", "status.successful"],
        [ResourceType.Pods] = ["metadata.name", "metadata.namespace", "spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
            "spec.serviceAccountName", "status.phase", "status.podIP", "status.nominatedNodeName"],
        [ResourceType.ConfigMaps] = ["metadata.name", "metadata.namespace"],
        [ResourceType.Namespaces] = ["metadata.name", "status.phase"],
        // pkg/apis/core/v1 conversion: the event field labels (kubectl events --for KIND/NAME selects on apiVersion too).
        [ResourceType.Events] = ["metadata.name", "metadata.namespace", "involvedObject.kind", "involvedObject.name", "involvedObject.namespace",
            "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
            "reason", "reportingComponent", "type", "source"],
        [ResourceType.EventsV1] = [.. EventsV1Conversion.FieldLabels.Keys],
    };

    private readonly List<(string Path, bool Equal, string Value)> _terms;

    private FieldSelector(List<(string, bool, string)> terms) => _terms = terms;

    public static FieldSelector Parse(ResourceType type, string? text)
    {
        var terms = new List<(string, bool, string)>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new FieldSelector(terms);
        }

        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var notEqual = raw.Contains("!=", StringComparison.Ordinal);
            var separator = notEqual ? "!=" : raw.Contains("==", StringComparison.Ordinal) ? "==" : "=";
            var at = raw.IndexOf(separator, StringComparison.Ordinal);
            if (at <= 0)
            {
                throw StatusFactory.BadRequest($"invalid selector: '{text}'; can't understand '{raw}'");
            }

            var path = raw[..at].Trim();
            if (!Supported[type].Contains(path))
            {
                throw StatusFactory.BadRequest($"field label not supported: {path}");
            }

            // Matched against the stored object: events.k8s.io labels name the core/v1 fields they convert from.
            var storedPath = type == ResourceType.EventsV1 ? EventsV1Conversion.FieldLabels[path] : path;
            terms.Add((storedPath, !notEqual, raw[(at + separator.Length)..].Trim()));
        }

        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject item)
    {
        foreach (var (path, equal, value) in _terms)
        {
            var actual = Lookup(item, path);
            if ((actual == value) != equal)
            {
                return false;
            }
        }

        return true;
    }

    private static string Lookup(JsonObject item, string path)
    {
        if (path == "source")
        {
            return KubeObjects.Str(item["source"]?["component"]) ?? string.Empty;
        }

        if (path == "status.successful")
        {
            return (KubeObjects.Long(item["status"]?["succeeded"]) ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        JsonNode? node = item;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? string.Empty;
    }
}
