using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>metav1.Condition bookkeeping on Kueue objects: a transition time only when the status flips.</summary>
internal static class WorkloadConditions
{
    /// <summary>Sets a condition; returns false when nothing changed (so the object is not rewritten).</summary>
    public static bool Set(JsonObject status, string type, bool value, string reason, string message, DateTimeOffset now, long? observedGeneration = null)
    {
        var conditions = status["conditions"] as JsonArray;
        if (conditions is null)
        {
            conditions = [];
            status["conditions"] = conditions;
        }

        var text = value ? "True" : "False";
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => KubeObjects.Str(c["type"]) == type);
        if (existing is not null && KubeObjects.Str(existing["status"]) == text && KubeObjects.Str(existing["reason"]) == reason && KubeObjects.Str(existing["message"]) == message)
        {
            return false;
        }

        var transition = existing is not null && KubeObjects.Str(existing["status"]) == text
            ? KubeObjects.Str(existing["lastTransitionTime"])
            : KubeObjects.Time(now);
        var condition = new JsonObject { ["type"] = type, ["status"] = text };
        if (observedGeneration is { } generation)
        {
            condition["observedGeneration"] = generation;
        }

        condition["lastTransitionTime"] = transition;
        condition["reason"] = reason;
        condition["message"] = message;
        if (existing is null)
        {
            conditions.Add(condition);
        }
        else
        {
            conditions[conditions.IndexOf(existing)] = condition;
        }

        return true;
    }

    public static bool IsTrue(JsonObject obj, string type) => KubeObjects.HasTrueCondition(obj, type);
}
