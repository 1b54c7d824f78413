using System.Text.Json.Nodes;

namespace Jobman.Kubernetes.Kueue;

/// <summary>A ResourceFlavor: the node labels its admitted pods are steered to.</summary>
public sealed record KueueResourceFlavor(string Name, IReadOnlyDictionary<string, string> NodeLabels)
{
    public static KueueResourceFlavor From(JsonObject item) => new(
        KueueJson.Str(item["metadata"]?["name"]) ?? "?",
        (item["spec"]?["nodeLabels"] as JsonObject ?? [])
            .Where(kv => KueueJson.Str(kv.Value) is not null)
            .ToDictionary(kv => kv.Key, kv => KueueJson.Str(kv.Value)!, StringComparer.Ordinal));
}
