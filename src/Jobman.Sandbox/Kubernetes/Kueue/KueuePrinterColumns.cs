using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>The additionalPrinterColumns of Kueue's CRDs (v1beta2), as apiserver's CRD table convertor fills them: a missing value is null.</summary>
internal static class KueuePrinterColumns
{
    public static IEnumerable<(string Name, string Type, int Priority)> Columns(ResourceType type) => type.Kind switch
    {
        "ClusterQueue" => [("Name", "string", 0), ("Cohort", "string", 0), ("Strategy", "string", 1), ("Pending Workloads", "integer", 0), ("Admitted Workloads", "integer", 1)],
        "LocalQueue" => [("Name", "string", 0), ("ClusterQueue", "string", 0), ("Pending Workloads", "integer", 0), ("Admitted Workloads", "integer", 0)],
        "Workload" => [("Name", "string", 0), ("Queue", "string", 0), ("Reserved in", "string", 0), ("Admitted", "string", 0), ("Finished", "string", 0), ("Age", "date", 0)],
        "WorkloadPriorityClass" => [("Name", "string", 0), ("Value", "integer", 0)],
        _ => [("Name", "string", 0), ("Age", "date", 0)],
    };

    public static IEnumerable<JsonNode?> Cells(ResourceType type, JsonObject item, string age)
    {
        var name = KubeObjects.Name(item);
        return type.Kind switch
        {
            "ClusterQueue" => [name, Copy(item["spec"]?["cohortName"]), Copy(item["spec"]?["queueingStrategy"]), Copy(item["status"]?["pendingWorkloads"]), Copy(item["status"]?["admittedWorkloads"])],
            "LocalQueue" => [name, Copy(item["spec"]?["clusterQueue"]), Copy(item["status"]?["pendingWorkloads"]), Copy(item["status"]?["admittedWorkloads"])],
            "Workload" => [name, Copy(item["spec"]?["queueName"]), Copy(item["status"]?["admission"]?["clusterQueue"]), ConditionStatus(item, "Admitted"), ConditionStatus(item, "Finished"), age],
            "WorkloadPriorityClass" => [name, Copy(item["value"])],
            _ => [name, age],
        };
    }

    private static JsonNode? Copy(JsonNode? node) => node?.DeepClone();

    private static string? ConditionStatus(JsonObject item, string type) =>
        item["status"] is JsonObject status ? KubeObjects.Str(KubeObjects.Condition(status, type)?["status"]) : null;
}
