using System.Text.Json.Nodes;

namespace Jobman.Kubernetes.Kueue;

/// <summary>A LocalQueue as its namespace's users may read it: its ClusterQueue, counts and usage per flavor.</summary>
public sealed record KueueLocalQueue(string Name, string ClusterQueue, int Pending, int Reserving, int Admitted, IReadOnlyList<KueueFlavorUsage> Usage, IReadOnlyList<KueueCondition> Conditions)
{
    public static KueueLocalQueue From(JsonObject item)
    {
        var status = item["status"];
        // v1beta2 spells it flavorsUsage, v1beta1 flavorUsage.
        var usage = (status?["flavorsUsage"] ?? status?["flavorUsage"]) as JsonArray ?? [];
        return new KueueLocalQueue(
            KueueJson.Str(item["metadata"]?["name"]) ?? "?",
            KueueJson.Str(item["spec"]?["clusterQueue"]) ?? string.Empty,
            (int)(KueueJson.Long(status?["pendingWorkloads"]) ?? 0),
            (int)(KueueJson.Long(status?["reservingWorkloads"]) ?? 0),
            (int)(KueueJson.Long(status?["admittedWorkloads"]) ?? 0),
            Flatten(usage, quota: null),
            KueueJson.Conditions(item));
    }

    internal static List<KueueFlavorUsage> Flatten(JsonArray flavors, Func<string, string, string?>? quota) =>
        flavors.SelectMany(f => (f?["resources"] as JsonArray ?? []).Select(r => new KueueFlavorUsage(
                KueueJson.Str(f?["name"]) ?? "?",
                KueueJson.Str(r?["name"]) ?? "?",
                quota?.Invoke(KueueJson.Str(f?["name"]) ?? "?", KueueJson.Str(r?["name"]) ?? "?"),
                KueueJson.Quantity(r?["total"]) ?? "0")))
            .ToList();
}
