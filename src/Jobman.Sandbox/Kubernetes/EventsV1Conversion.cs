using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// events.k8s.io/v1 is another view of the core/v1 events storage, as upstream serves it: each stored Event is
/// converted field by field (pkg/apis/events/v1 conversion) on the way out; field selectors name the new fields.
/// </summary>
internal static class EventsV1Conversion
{
    /// <summary>events.k8s.io/v1 field selector labels and the core/v1 field they select on.</summary>
    public static readonly IReadOnlyDictionary<string, string> FieldLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["metadata.name"] = "metadata.name",
        ["metadata.namespace"] = "metadata.namespace",
        ["regarding.kind"] = "involvedObject.kind",
        ["regarding.namespace"] = "involvedObject.namespace",
        ["regarding.name"] = "involvedObject.name",
        ["regarding.uid"] = "involvedObject.uid",
        ["regarding.apiVersion"] = "involvedObject.apiVersion",
        ["regarding.resourceVersion"] = "involvedObject.resourceVersion",
        ["regarding.fieldPath"] = "involvedObject.fieldPath",
        ["reason"] = "reason",
        ["reportingController"] = "reportingComponent",
        ["type"] = "type",
    };

    /// <summary>The events.k8s.io/v1 Event for a stored core/v1 Event (kind/apiVersion only when <paramref name="withTypeMeta"/>).</summary>
    public static JsonObject FromCore(JsonObject core, bool withTypeMeta)
    {
        var result = new JsonObject();
        if (withTypeMeta)
        {
            result["kind"] = "Event";
            result["apiVersion"] = "events.k8s.io/v1";
        }

        result["metadata"] = core["metadata"]?.DeepClone();
        result["eventTime"] = core["eventTime"]?.DeepClone();
        Copy(core, "series", result, "series");
        Copy(core, "reportingComponent", result, "reportingController");
        Copy(core, "reportingInstance", result, "reportingInstance");
        Copy(core, "action", result, "action");
        Copy(core, "reason", result, "reason");
        result["regarding"] = core["involvedObject"]?.DeepClone() ?? new JsonObject();
        Copy(core, "related", result, "related");
        Copy(core, "message", result, "note");
        Copy(core, "type", result, "type");
        result["deprecatedSource"] = core["source"]?.DeepClone() ?? new JsonObject();
        result["deprecatedFirstTimestamp"] = core["firstTimestamp"]?.DeepClone();
        result["deprecatedLastTimestamp"] = core["lastTimestamp"]?.DeepClone();
        if (KubeObjects.Long(core["count"]) is { } count and not 0)
        {
            result["deprecatedCount"] = count;
        }

        return result;
    }

    private static void Copy(JsonObject from, string fromKey, JsonObject to, string toKey)
    {
        if (from[fromKey] is { } value && !(value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0))
        {
            to[toKey] = value.DeepClone();
        }
    }
}
