using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>Where a Workload stands, read from its conditions and spec.</summary>
internal static class WorkloadState
{
    public static bool IsFinished(JsonObject workload) => WorkloadConditions.IsTrue(workload, "Finished");

    public static bool HasReservation(JsonObject workload) => WorkloadConditions.IsTrue(workload, "QuotaReserved");

    /// <summary>Holds quota: reserved and not finished.</summary>
    public static bool IsRunning(JsonObject workload) => HasReservation(workload) && !IsFinished(workload);

    public static bool IsPending(JsonObject workload) =>
        !IsFinished(workload) && !HasReservation(workload) && KubeObjects.Bool(workload["spec"]?["active"]) != false;

    public static int Priority(JsonObject workload) => (int)(KubeObjects.Long(workload["spec"]?["priority"]) ?? 0);

    public static string? QueueName(JsonObject workload) => KubeObjects.Str(workload["spec"]?["queueName"]);

    public static string? AdmittedTo(JsonObject workload) => KubeObjects.Str(workload["status"]?["admission"]?["clusterQueue"]);

    /// <summary>The Job owning the workload (controller owner reference), if any.</summary>
    public static string? OwnerJobUid(JsonObject workload) =>
        (workload["metadata"]?["ownerReferences"] as JsonArray ?? [])
            .FirstOrDefault(o => KubeObjects.Str(o?["kind"]) == "Job" && KubeObjects.Bool(o?["controller"]) == true) is { } owner
            ? KubeObjects.Str(owner["uid"])
            : null;

    /// <summary>What an admitted workload holds, per flavor and resource (from <c>status.admission</c>).</summary>
    public static void AddUsage(JsonObject workload, FlavorUsage usage)
    {
        foreach (var assignment in workload["status"]?["admission"]?["podSetAssignments"] as JsonArray ?? [])
        {
            var flavors = assignment?["flavors"] as JsonObject ?? [];
            foreach (var (resource, amount) in assignment?["resourceUsage"] as JsonObject ?? [])
            {
                if (KubeObjects.Str(flavors[resource]) is { } flavor)
                {
                    usage.Add(flavor, resource, KueueQuantity.Parse(amount));
                }
            }
        }
    }
}
