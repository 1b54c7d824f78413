using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>
/// Kueue's v1beta1 &lt;-&gt; v1beta2 conversion for the fields jobman and kubectl users touch (the storage version is
/// v1beta2): ClusterQueue <c>spec.cohort</c>/<c>cohortName</c>, LocalQueue <c>status.flavorUsage</c>/<c>flavorsUsage</c>,
/// Workload <c>spec.priorityClassName</c>+<c>priorityClassSource</c>/<c>priorityClassRef</c> and the renamed
/// <c>accumulatedPastExexcutionTimeSeconds</c> (v1beta1's spelling).
/// </summary>
internal static class KueueConversion
{
    public const string WorkloadPriorityClassSource = "kueue.x-k8s.io/workloadpriorityclass";
    public const string PodPriorityClassSource = "scheduling.k8s.io/priorityclass";

    /// <summary>A stored (v1beta2) object as <paramref name="version"/> shows it; the input is not changed.</summary>
    public static JsonObject ToServed(string kind, string version, JsonObject stored)
    {
        var copy = (JsonObject)stored.DeepClone();
        if (version == "v1beta1")
        {
            Down(kind, copy);
        }

        return copy;
    }

    /// <summary>A request body of <paramref name="version"/> in storage (v1beta2) shape, converted in place.</summary>
    public static JsonObject ToStorage(string kind, string version, JsonObject body)
    {
        if (version == "v1beta1")
        {
            Up(kind, body);
        }

        return body;
    }

    private static void Down(string kind, JsonObject obj)
    {
        switch (kind)
        {
            case "ClusterQueue":
                Rename(obj["spec"] as JsonObject, "cohortName", "cohort");
                break;
            case "LocalQueue":
                Rename(obj["status"] as JsonObject, "flavorsUsage", "flavorUsage");
                break;
            case "Workload":
                if (obj["spec"] is JsonObject spec && spec["priorityClassRef"] is JsonObject reference)
                {
                    spec.Remove("priorityClassRef");
                    spec["priorityClassName"] = reference["name"]?.DeepClone();
                    spec["priorityClassSource"] = KubeObjects.Str(reference["group"]) == ResourceType.KueueGroup ? WorkloadPriorityClassSource : PodPriorityClassSource;
                }

                Rename(obj["status"] as JsonObject, "accumulatedPastExecutionTimeSeconds", "accumulatedPastExexcutionTimeSeconds");
                break;
        }
    }

    private static void Up(string kind, JsonObject obj)
    {
        switch (kind)
        {
            case "ClusterQueue":
                Rename(obj["spec"] as JsonObject, "cohort", "cohortName");
                break;
            case "LocalQueue":
                Rename(obj["status"] as JsonObject, "flavorUsage", "flavorsUsage");
                obj["status"]?.AsObject().Remove("flavors");
                break;
            case "Workload":
                if (obj["spec"] is JsonObject spec && KubeObjects.Str(spec["priorityClassName"]) is { } name)
                {
                    var source = KubeObjects.Str(spec["priorityClassSource"]);
                    spec.Remove("priorityClassName");
                    spec.Remove("priorityClassSource");
                    spec["priorityClassRef"] = source == PodPriorityClassSource
                        ? new JsonObject { ["group"] = "scheduling.k8s.io", ["kind"] = "PriorityClass", ["name"] = name }
                        : new JsonObject { ["group"] = ResourceType.KueueGroup, ["kind"] = "WorkloadPriorityClass", ["name"] = name };
                }

                Rename(obj["status"] as JsonObject, "accumulatedPastExexcutionTimeSeconds", "accumulatedPastExecutionTimeSeconds");
                break;
        }
    }

    private static void Rename(JsonObject? parent, string from, string to)
    {
        if (parent is not null && parent.Remove(from, out var value))
        {
            parent[to] = value;
        }
    }
}
