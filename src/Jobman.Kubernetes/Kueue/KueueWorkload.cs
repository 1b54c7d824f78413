using System.Text.Json.Nodes;

namespace Jobman.Kubernetes.Kueue;

/// <summary>
/// A Kueue Workload as jobman reads it: the Job it belongs to, its queue and priority, where it was admitted and with
/// which flavors, and its conditions (QuotaReserved, Admitted, Evicted, Preempted, Finished).
/// </summary>
public sealed record KueueWorkload(
    string Name,
    string? JobUid,
    string? JobName,
    string? QueueName,
    int Priority,
    string? PriorityClass,
    string? ClusterQueue,
    IReadOnlyDictionary<string, string> Flavors,
    IReadOnlyList<KueueCondition> Conditions)
{
    private const string FlavorsPrefix = "couldn't assign flavors to pod set ";

    public KueueCondition? Condition(string type) => Conditions.FirstOrDefault(c => c.Type == type);

    public bool IsTrue(string type) => Condition(type)?.Status == true;

    public bool HasReservation => IsTrue("QuotaReserved");

    public bool IsAdmitted => IsTrue("Admitted");

    public bool IsFinished => IsTrue("Finished");

    public bool IsPending => !IsFinished && !HasReservation;

    /// <summary>Why it waits, in Kueue's words without the pod-set preamble (e.g. <c>insufficient unused quota for cpu in flavor default-flavor, 3 more needed</c>); null when Kueue has not said.</summary>
    public string? WaitingReason
    {
        get
        {
            if (Condition("QuotaReserved") is not { Status: false } pending || pending.Message.Length == 0)
            {
                return null;
            }

            var message = pending.Message;
            if (message.StartsWith(FlavorsPrefix, StringComparison.Ordinal) && message.IndexOf(": ", FlavorsPrefix.Length, StringComparison.Ordinal) is > 0 and var colon)
            {
                message = message[(colon + 2)..];
            }

            return message;
        }
    }

    /// <summary>Why it was evicted while it waits to be readmitted (e.g. <c>Preempted to accommodate a higher priority Workload</c>); null otherwise.</summary>
    public string? Eviction =>
        Condition("Evicted") is { Status: true } evicted ? (evicted.Message.Length > 0 ? evicted.Message : evicted.Reason) : null;

    /// <summary>Parses one item of a workloads list (v1beta2 or v1beta1 spelling).</summary>
    public static KueueWorkload From(JsonObject item)
    {
        var meta = item["metadata"];
        var owner = (meta?["ownerReferences"] as JsonArray ?? []).FirstOrDefault(o => KueueJson.Str(o?["kind"]) == "Job");
        var spec = item["spec"];
        var admission = item["status"]?["admission"];
        var flavors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in admission?["podSetAssignments"] as JsonArray ?? [])
        {
            foreach (var (resource, flavor) in assignment?["flavors"] as JsonObject ?? [])
            {
                if (KueueJson.Str(flavor) is { } name)
                {
                    flavors[resource] = name;
                }
            }
        }

        return new KueueWorkload(
            KueueJson.Str(meta?["name"]) ?? "?",
            KueueJson.Str(owner?["uid"]) ?? KueueJson.Str(meta?["labels"]?["kueue.x-k8s.io/job-uid"]),
            KueueJson.Str(owner?["name"]),
            KueueJson.Str(spec?["queueName"]),
            (int)(KueueJson.Long(spec?["priority"]) ?? 0),
            KueueJson.Str(spec?["priorityClassRef"]?["name"]) ?? KueueJson.Str(spec?["priorityClassName"]),
            KueueJson.Str(admission?["clusterQueue"]),
            flavors,
            KueueJson.Conditions(item));
    }
}
