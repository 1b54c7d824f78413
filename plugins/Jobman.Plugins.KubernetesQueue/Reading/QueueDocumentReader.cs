using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jobman.Plugins.KubernetesQueue.Model;

namespace Jobman.Plugins.KubernetesQueue.Reading;

/// <summary>
/// Reads a queue document in any shape a publisher wrote: the original CronJob's 1.2.x entries
/// (<c>{namespace, name, updated, resources}</c>), its 1.3.16 entries (<c>{namespace, controllerUid, updated,
/// podStatus, resources}</c>), this plugin's full form (adds <c>name</c>, <c>phase</c>) and its compact form.
/// </summary>
internal static class QueueDocumentReader
{
    private static readonly IReadOnlyDictionary<string, string> NoRequests = new Dictionary<string, string>();

    /// <summary>Parses the document.</summary>
    /// <param name="json">The ConfigMap value.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="QueueFormatException">When it is not valid JSON or not a queue document.</exception>
    public static QueueSnapshot Read(string json)
    {
        JsonNode? root;
        try
        {
            root = Jobman.Core.Text.StrictJson.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new QueueFormatException($"it is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1})", ex);
        }

        if (root is not JsonObject doc)
        {
            throw new QueueFormatException("it is not a JSON object with 'updated' and 'jobs'");
        }

        var updated = ReadTime(doc[QueueJsonNames.Updated], "updated");
        var cohorts = new List<QueueCohort>();
        var jobs = doc[QueueJsonNames.Jobs];
        var compact = doc[QueueJsonNames.Compact];
        if (jobs is null && compact is null)
        {
            throw new QueueFormatException("it has no 'jobs' list");
        }

        if (jobs is not null and not JsonArray)
        {
            throw new QueueFormatException("'jobs' is not a list");
        }

        if (jobs is JsonArray list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                cohorts.Add(ReadEntry(list[i], i));
            }
        }

        if (compact is null)
        {
            return new QueueSnapshot(updated, cohorts, QueueForm.Full);
        }

        if (compact is not JsonObject compactObject)
        {
            throw new QueueFormatException("'compact' is not an object");
        }

        return CompactReader.Read(compactObject, updated, cohorts);
    }

    private static QueueCohort ReadEntry(JsonNode? node, int index)
    {
        var where = $"jobs[{index}]";
        if (node is not JsonObject entry)
        {
            throw new QueueFormatException($"{where} is not an object");
        }

        var resources = entry[QueueJsonNames.Resources] as JsonObject;
        // 1.3.13/1.3.14 readers looked for resources.label; accept it as a flavor too.
        var flavor = ReadString(resources?[QueueJsonNames.Flavor], $"{where}.resources.flavor")
            ?? ReadString(resources?["label"], $"{where}.resources.label");
        var phase = QueuePhases.Normalize(ReadString(entry[QueueJsonNames.Phase], $"{where}.phase")
            ?? ReadString(entry[QueueJsonNames.PodStatus], $"{where}.podStatus"));
        return new QueueCohort(
            ReadString(entry[QueueJsonNames.Namespace], $"{where}.namespace") ?? string.Empty,
            string.IsNullOrEmpty(flavor) ? null : flavor,
            ReadRequests(resources?[QueueJsonNames.Requests], $"{where}.resources.requests"),
            phase,
            ReadTime(entry[QueueJsonNames.Updated], $"{where}.updated"),
            1,
            ReadString(entry[QueueJsonNames.Name], $"{where}.name"));
    }

    /// <summary>Reads a requests object; values may be strings or numbers, null means none.</summary>
    internal static IReadOnlyDictionary<string, string> ReadRequests(JsonNode? node, string where)
    {
        if (node is null)
        {
            return NoRequests;
        }

        if (node is not JsonObject obj)
        {
            throw new QueueFormatException($"{where} is not an object");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            var text = ReadString(value, $"{where}.{key}");
            if (text is not null)
            {
                map[key] = text;
            }
        }

        return map;
    }

    internal static string? ReadString(JsonNode? node, string where) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(CultureInfo.InvariantCulture),
        _ => throw new QueueFormatException($"{where} is not a string"),
    };

    internal static DateTimeOffset? ReadTime(JsonNode? node, string where)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue v when v.TryGetValue<string>(out var s):
                if (s.Length == 0)
                {
                    return null;
                }

                return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
                    ? t
                    : throw new QueueFormatException($"{where} is not a date ('{s}')");
            case JsonValue v when v.TryGetValue<long>(out var seconds):
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            default:
                throw new QueueFormatException($"{where} is not a date");
        }
    }
}
