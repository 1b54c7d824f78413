using System.Text.Json.Nodes;

namespace Jobman.Kubernetes.Kueue;

/// <summary>One entry of the visibility API's pending workloads: whose Job, and its 0-based positions.</summary>
public sealed record KueuePendingWorkload(string Name, string? JobUid, string? JobName, string LocalQueue, int Priority, int PositionInClusterQueue, int PositionInLocalQueue)
{
    public static KueuePendingWorkload From(JsonObject item)
    {
        var owner = (item["metadata"]?["ownerReferences"] as JsonArray ?? []).FirstOrDefault(o => KueueJson.Str(o?["kind"]) == "Job");
        return new KueuePendingWorkload(
            KueueJson.Str(item["metadata"]?["name"]) ?? "?",
            KueueJson.Str(owner?["uid"]),
            KueueJson.Str(owner?["name"]),
            KueueJson.Str(item["localQueueName"]) ?? string.Empty,
            (int)(KueueJson.Long(item["priority"]) ?? 0),
            (int)(KueueJson.Long(item["positionInClusterQueue"]) ?? 0),
            (int)(KueueJson.Long(item["positionInLocalQueue"]) ?? 0));
    }
}
