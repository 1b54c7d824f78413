using System.Globalization;
using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// Server-side printing (<c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>) as kubectl requests it for
/// human-readable <c>get</c>: the columns and cell rules of kubernetes pkg/printers/internalversion for the
/// served kinds, with apimachinery's HumanDuration for ages and durations.
/// </summary>
internal static class TableConverter
{
    private const string NameDescription = "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated.";
    private const string AgeDescription = "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.";

    public static bool IsRequested(string? accept) =>
        accept is not null && accept.Contains("as=Table", StringComparison.Ordinal) && accept.Contains("g=meta.k8s.io", StringComparison.Ordinal);

    /// <summary>
    /// A Table of <paramref name="items"/> (stored objects) shown as <paramref name="type"/>. Each row carries the
    /// object as <paramref name="includeObject"/> asks (<c>Metadata</c> by default, <c>Object</c>: the whole object, as
    /// kubectl requests for <c>--sort-by</c> and custom columns; <c>None</c>: nothing).
    /// </summary>
    public static JsonObject Convert(ResourceType type, IEnumerable<JsonObject> items, JsonObject listMetadata, DateTimeOffset now, string? includeObject = null)
    {
        if (includeObject is not (null or "" or "None" or "Metadata" or "Object"))
        {
            throw StatusFactory.BadRequest($"unrecognized includeObject value: \"{includeObject}\"");
        }

        var rows = new JsonArray();
        foreach (var item in items)
        {
            var row = new JsonObject { ["cells"] = new JsonArray(Cells(type.Storage, item, now).ToArray()) };
            if (includeObject == "Object")
            {
                row["object"] = ObjectViews.Present(type, item, withTypeMeta: true);
            }
            else if (includeObject != "None")
            {
                row["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = item["metadata"]?.DeepClone(),
                };
            }

            rows.Add(row);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = listMetadata.DeepClone(),
            ["columnDefinitions"] = new JsonArray(Columns(type.Storage).Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Name == "Name" ? "name" : string.Empty,
                ["description"] = c.Name switch { "Name" => NameDescription, "Age" => AgeDescription, _ => c.Name },
                ["priority"] = c.Priority,
            }).ToArray()),
            ["rows"] = rows,
        };
    }

    private static IEnumerable<(string Name, string Type, int Priority)> Columns(ResourceType type)
    {
        if (type.IsKueue)
        {
            return Kueue.KueuePrinterColumns.Columns(type);
        }

        if (type == ResourceType.Jobs)
        {
            return [("Name", "string", 0), ("Status", "string", 0), ("Completions", "string", 0), ("Duration", "string", 0), ("Age", "string", 0),
                ("Containers", "string", 1), ("Images", "string", 1), ("Selector", "string", 1)];
        }

        if (type == ResourceType.Pods)
        {
            return [("Name", "string", 0), ("Ready", "string", 0), ("Status", "string", 0), ("Restarts", "string", 0), ("Age", "string", 0),
                ("IP", "string", 1), ("Node", "string", 1), ("Nominated Node", "string", 1), ("Readiness Gates", "string", 1)];
        }

        if (type == ResourceType.ConfigMaps)
        {
            return [("Name", "string", 0), ("Data", "string", 0), ("Age", "string", 0)];
        }

        if (type == ResourceType.Namespaces)
        {
            return [("Name", "string", 0), ("Status", "string", 0), ("Age", "string", 0)];
        }

        if (type == ResourceType.Events)
        {
            // pkg/printers/internalversion eventColumnDefinitions (the server always prints wide; kubectl hides priority 1).
            return [("Last Seen", "string", 0), ("Type", "string", 0), ("Reason", "string", 0), ("Object", "string", 0), ("Subobject", "string", 1),
                ("Source", "string", 1), ("Message", "string", 0), ("First Seen", "string", 1), ("Count", "string", 1), ("Name", "string", 1)];
        }

        return [("Name", "string", 0), ("Age", "string", 0)];
    }

    private static IEnumerable<JsonNode?> Cells(ResourceType type, JsonObject item, DateTimeOffset now)
    {
        if (type == ResourceType.Events)
        {
            return EventCells(item, now);
        }

        if (type.IsKueue)
        {
            return Kueue.KueuePrinterColumns.Cells(type, item, Since(KubeObjects.Str(item["metadata"]?["creationTimestamp"]), now));
        }

        return TextCells(type, item, now).Select(c => (JsonNode?)c);
    }

    /// <summary>printEvent: times from first/lastTimestamp, else eventTime (and the series), object as kind/name.</summary>
    private static IEnumerable<JsonNode?> EventCells(JsonObject e, DateTimeOffset now)
    {
        var eventTime = KubeObjects.Str(e["eventTime"]);
        var first = KubeObjects.Str(e["firstTimestamp"]) ?? eventTime;
        var last = KubeObjects.Str(e["series"]?["lastObservedTime"]) ?? KubeObjects.Str(e["lastTimestamp"]) ?? first;
        var count = KubeObjects.Long(e["series"]?["count"]) ?? KubeObjects.Long(e["count"]) ?? 1;
        var involved = e["involvedObject"];
        var kind = (KubeObjects.Str(involved?["kind"]) ?? string.Empty).ToLowerInvariant();
        var objectName = KubeObjects.Str(involved?["name"]);
        var component = KubeObjects.Str(e["source"]?["component"]) is { Length: > 0 } c ? c : KubeObjects.Str(e["reportingComponent"]) ?? string.Empty;
        var instance = KubeObjects.Str(e["source"]?["host"]) is { Length: > 0 } h ? h : KubeObjects.Str(e["reportingInstance"]) ?? string.Empty;
        var source = component.Length == 0 ? "<unknown>" : instance.Length == 0 ? component : $"{component}, {instance}";
        return
        [
            Since(last, now), KubeObjects.Str(e["type"]) ?? string.Empty, KubeObjects.Str(e["reason"]) ?? string.Empty,
            string.IsNullOrEmpty(objectName) ? kind : $"{kind}/{objectName}", KubeObjects.Str(involved?["fieldPath"]) ?? string.Empty,
            source, (KubeObjects.Str(e["message"]) ?? string.Empty).Trim(), Since(first, now), count, KubeObjects.Name(e) ?? string.Empty,
        ];
    }

    private static string[] TextCells(ResourceType type, JsonObject item, DateTimeOffset now)
    {
        var name = KubeObjects.Name(item) ?? string.Empty;
        var age = Since(KubeObjects.Str(item["metadata"]?["creationTimestamp"]), now);
        if (type == ResourceType.Jobs)
        {
            var containers = PodStatuses.Containers(new JsonObject { ["spec"] = item["spec"]?["template"]?["spec"]?.DeepClone() }).ToList();
            var selector = (item["spec"]?["selector"]?["matchLabels"] as JsonObject ?? [])
                .Select(kv => $"{kv.Key}={KubeObjects.Str(kv.Value)}");
            return [name, JobStatus(item), Completions(item), JobDuration(item, now), age,
                string.Join(',', containers.Select(c => KubeObjects.Str(c["name"]))),
                string.Join(',', containers.Select(c => KubeObjects.Str(c["image"]))),
                string.Join(',', selector)];
        }

        if (type == ResourceType.Pods)
        {
            var (ready, total, status, restarts) = PodSummary(item);
            return [name, $"{ready}/{total}", status, restarts.ToString(CultureInfo.InvariantCulture), age,
                KubeObjects.Str(item["status"]?["podIP"]) ?? "<none>", KubeObjects.Str(item["spec"]?["nodeName"]) ?? "<none>",
                KubeObjects.Str(item["status"]?["nominatedNodeName"]) ?? "<none>", "<none>"];
        }

        if (type == ResourceType.ConfigMaps)
        {
            var count = (item["data"] as JsonObject)?.Count ?? 0;
            count += (item["binaryData"] as JsonObject)?.Count ?? 0;
            return [name, count.ToString(CultureInfo.InvariantCulture), age];
        }

        if (type == ResourceType.Namespaces)
        {
            return [name, KubeObjects.Str(item["status"]?["phase"]) ?? string.Empty, age];
        }

        return [name, age];
    }

    private static string JobStatus(JsonObject job)
    {
        if (KubeObjects.HasTrueCondition(job, "Complete"))
        {
            return "Complete";
        }

        if (KubeObjects.HasTrueCondition(job, "Failed"))
        {
            return "Failed";
        }

        if (job["metadata"]?["deletionTimestamp"] is not null)
        {
            return "Terminating";
        }

        foreach (var condition in new[] { "Suspended", "FailureTarget", "SuccessCriteriaMet" })
        {
            if (KubeObjects.HasTrueCondition(job, condition))
            {
                return condition;
            }
        }

        return "Running";
    }

    private static string Completions(JsonObject job)
    {
        var succeeded = KubeObjects.Long(job["status"]?["succeeded"]) ?? 0;
        var completions = KubeObjects.Long(job["spec"]?["completions"]);
        if (completions is not null)
        {
            return $"{succeeded}/{completions}";
        }

        var parallelism = KubeObjects.Long(job["spec"]?["parallelism"]) ?? 0;
        return parallelism > 1 ? $"{succeeded}/1 of {parallelism}" : $"{succeeded}/1";
    }

    private static string JobDuration(JsonObject job, DateTimeOffset now)
    {
        var start = KubeObjects.Str(job["status"]?["startTime"]);
        if (start is null)
        {
            return string.Empty;
        }

        var end = KubeObjects.Str(job["status"]?["completionTime"]);
        return HumanDuration((end is null ? now : KubeObjects.ParseTime(end)) - KubeObjects.ParseTime(start));
    }

    private static (int Ready, int Total, string Status, long Restarts) PodSummary(JsonObject pod)
    {
        var total = PodStatuses.ContainerNames(pod).Count;
        var reason = KubeObjects.Str(pod["status"]?["reason"]) ?? KubeObjects.Str(pod["status"]?["phase"]) ?? string.Empty;
        var ready = 0;
        long restarts = 0;
        var statuses = (pod["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>().Reverse();
        foreach (var status in statuses)
        {
            restarts += KubeObjects.Long(status["restartCount"]) ?? 0;
            var state = status["state"];
            if (KubeObjects.Str(state?["waiting"]?["reason"]) is { Length: > 0 } waiting)
            {
                reason = waiting;
            }
            else if (state?["terminated"] is JsonObject terminated)
            {
                reason = KubeObjects.Str(terminated["reason"]) is { Length: > 0 } terminatedReason
                    ? terminatedReason
                    : terminated["signal"] is not null ? $"Signal:{KubeObjects.Long(terminated["signal"])}" : $"ExitCode:{KubeObjects.Long(terminated["exitCode"])}";
            }
            else if (KubeObjects.Bool(status["ready"]) == true && state?["running"] is not null)
            {
                ready++;
            }
        }

        if (pod["metadata"]?["deletionTimestamp"] is not null)
        {
            reason = "Terminating";
        }

        return (ready, total, reason, restarts);
    }

    private static string Since(string? timestamp, DateTimeOffset now) =>
        timestamp is null ? "<unknown>" : HumanDuration(now - KubeObjects.ParseTime(timestamp));

    /// <summary>apimachinery util/duration.HumanDuration.</summary>
    public static string HumanDuration(TimeSpan d)
    {
        var seconds = (long)Math.Floor(d.TotalSeconds);
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 60 * 2)
        {
            return $"{seconds}s";
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? $"{minutes}m" : $"{minutes}m{s}s";
        }

        if (minutes < 60 * 3)
        {
            return $"{minutes}m";
        }

        var hours = seconds / 3600;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? $"{hours}h" : $"{hours}h{m}m";
        }

        if (hours < 48)
        {
            return $"{hours}h";
        }

        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? $"{hours / 24}d" : $"{hours / 24}d{h}h";
        }

        if (hours < 24 * 365 * 2)
        {
            return $"{hours / 24}d";
        }

        if (hours < 24 * 365 * 8)
        {
            var days = hours / 24 % 365;
            return days == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{days}d";
        }

        return $"{hours / 24 / 365}y";
    }
}
