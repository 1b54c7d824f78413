using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>
/// What apiserver does to a Kueue object on create (CRD structural schema: defaults, required fields, the status
/// subresource dropping status), in storage (v1beta2) shape. Only the rules a user of the double can trip over.
/// </summary>
internal static class KueueAdmission
{
    public static void Admit(ResourceType type, JsonObject obj, string? ns)
    {
        var meta = KubeObjects.Metadata(obj);
        var name = KubeObjects.Str(meta["name"]);
        if (string.IsNullOrEmpty(name) && KubeObjects.Str(meta["generateName"]) is { Length: > 0 } generate)
        {
            name = JobAdmission.GenerateName(generate);
            meta["name"] = name;
        }

        if (string.IsNullOrEmpty(name))
        {
            throw StatusFactory.Invalid(type, string.Empty, [new("FieldValueRequired", "metadata.name", "Required value: name or generateName is required")]);
        }

        if (!JobAdmission.IsSubdomain(name))
        {
            throw StatusFactory.Invalid(type, name, [new("FieldValueInvalid", "metadata.name", $"Invalid value: \"{name}\": {JobAdmission.SubdomainMessage}")]);
        }

        obj.Remove("kind");
        obj.Remove("apiVersion");
        meta.Remove("resourceVersion");
        meta.Remove("uid");
        meta["generation"] = 1;
        if (type.Namespaced)
        {
            meta["namespace"] = ns;
        }

        if (type.HasStatusSubresource)
        {
            obj.Remove("status");
        }

        switch (type.Kind)
        {
            case "ClusterQueue":
                DefaultClusterQueue(type, name, KubeObjects.Child(obj, "spec"));
                break;
            case "LocalQueue":
                KubeObjects.Child(obj, "spec")["stopPolicy"] ??= "None";
                break;
            case "ResourceFlavor":
                KubeObjects.Child(obj, "spec");
                break;
            case "WorkloadPriorityClass" when KubeObjects.Long(obj["value"]) is null:
                throw StatusFactory.Invalid(type, name, [new("FieldValueRequired", "value", "Required value")]);
            case "Workload" when (obj["spec"]?["podSets"] as JsonArray)?.Count is null or 0:
                throw StatusFactory.Invalid(type, name, [new("FieldValueRequired", "spec.podSets", "Required value")]);
        }
    }

    private static void DefaultClusterQueue(ResourceType type, string name, JsonObject spec)
    {
        spec["queueingStrategy"] ??= "BestEffortFIFO";
        if (KubeObjects.Str(spec["queueingStrategy"]) is not ("StrictFIFO" or "BestEffortFIFO"))
        {
            throw StatusFactory.Invalid(type, name, [new("FieldValueNotSupported", "spec.queueingStrategy",
                $"Unsupported value: \"{KubeObjects.Str(spec["queueingStrategy"])}\": supported values: \"StrictFIFO\", \"BestEffortFIFO\"")]);
        }

        spec["stopPolicy"] ??= "None";
        var fungibility = KubeObjects.Child(spec, "flavorFungibility");
        fungibility["whenCanBorrow"] ??= "MayStopSearch";
        fungibility["whenCanPreempt"] ??= "TryNextFlavor";
        var preemption = KubeObjects.Child(spec, "preemption");
        KubeObjects.Child(preemption, "borrowWithinCohort")["policy"] ??= "Never";
        preemption["reclaimWithinCohort"] ??= "Never";
        preemption["withinClusterQueue"] ??= "Never";
        foreach (var group in spec["resourceGroups"] as JsonArray ?? [])
        {
            foreach (var flavor in group?["flavors"] as JsonArray ?? [])
            {
                foreach (var resource in flavor?["resources"] as JsonArray ?? [])
                {
                    if (resource?["nominalQuota"] is null)
                    {
                        throw StatusFactory.Invalid(type, name, [new("FieldValueRequired", "spec.resourceGroups[0].flavors[0].resources[0].nominalQuota", "Required value")]);
                    }
                }
            }
        }
    }
}
