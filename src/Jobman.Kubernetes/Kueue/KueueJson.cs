using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jobman.Kubernetes.Kueue;

/// <summary>Tolerant readers for Kueue's JSON: a field of an unexpected type reads as missing, never throws.</summary>
internal static class KueueJson
{
    public static string? Str(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static long? Long(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number) ? number : null;

    /// <summary>A quantity given as a string (<c>36Gi</c>) or a number (<c>9</c>), as its text.</summary>
    public static string? Quantity(JsonNode? node) =>
        node is JsonValue value
            ? value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.Number => value.ToJsonString(),
                _ => null,
            }
            : null;

    public static IReadOnlyList<KueueCondition> Conditions(JsonNode? obj) =>
        (obj?["status"]?["conditions"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(c => new KueueCondition(
                Str(c["type"]) ?? string.Empty,
                Str(c["status"]) == "True",
                Str(c["reason"]) ?? string.Empty,
                Str(c["message"]) ?? string.Empty,
                Str(c["lastTransitionTime"]) is { } time && DateTime.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null))
            .ToList();
}
