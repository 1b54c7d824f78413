using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>Builders of the Kueue objects an admin sets up (kueue.x-k8s.io/v1beta2), for <see cref="ClusterStore.PutKueue"/>.</summary>
public static class KueueObjects
{
    private const string ApiVersion = "kueue.x-k8s.io/v1beta2";

    /// <summary>One flavor's nominal quota per resource, e.g. <c>new("default-flavor", ("cpu", "9"), ("memory", "36Gi"))</c>.</summary>
    public sealed record FlavorQuota(string Flavor, params (string Resource, string Quota)[] Resources);

    public static JsonObject ResourceFlavor(string name, IReadOnlyDictionary<string, string>? nodeLabels = null)
    {
        var flavor = new JsonObject { ["apiVersion"] = ApiVersion, ["kind"] = "ResourceFlavor", ["metadata"] = new JsonObject { ["name"] = name } };
        if (nodeLabels is { Count: > 0 })
        {
            var labels = new JsonObject();
            foreach (var (key, value) in nodeLabels)
            {
                labels[key] = value;
            }

            flavor["spec"] = new JsonObject { ["nodeLabels"] = labels };
        }

        return flavor;
    }

    /// <summary>
    /// A ClusterQueue open to every namespace; each resource group covers the resources of its flavors (flavors with the
    /// same resources share a group, in order).
    /// </summary>
    public static JsonObject ClusterQueue(string name, string strategy = "BestEffortFIFO", string? preemptWithinClusterQueue = null, params FlavorQuota[] flavors)
    {
        var groups = new JsonArray();
        foreach (var group in flavors.GroupBy(f => string.Join(',', f.Resources.Select(r => r.Resource))))
        {
            groups.Add(new JsonObject
            {
                ["coveredResources"] = new JsonArray(group.First().Resources.Select(r => (JsonNode)r.Resource).ToArray()),
                ["flavors"] = new JsonArray(group.Select(f => (JsonNode)new JsonObject
                {
                    ["name"] = f.Flavor,
                    ["resources"] = new JsonArray(f.Resources.Select(r => (JsonNode)new JsonObject { ["name"] = r.Resource, ["nominalQuota"] = r.Quota }).ToArray()),
                }).ToArray()),
            });
        }

        var spec = new JsonObject { ["namespaceSelector"] = new JsonObject(), ["queueingStrategy"] = strategy, ["resourceGroups"] = groups };
        if (preemptWithinClusterQueue is not null)
        {
            spec["preemption"] = new JsonObject { ["withinClusterQueue"] = preemptWithinClusterQueue };
        }

        return new JsonObject { ["apiVersion"] = ApiVersion, ["kind"] = "ClusterQueue", ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec };
    }

    public static JsonObject LocalQueue(string ns, string name, string clusterQueue) => new()
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = "LocalQueue",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject { ["clusterQueue"] = clusterQueue },
    };

    public static JsonObject PriorityClass(string name, int value, string? description = null)
    {
        var priorityClass = new JsonObject { ["apiVersion"] = ApiVersion, ["kind"] = "WorkloadPriorityClass", ["metadata"] = new JsonObject { ["name"] = name }, ["value"] = value };
        if (description is not null)
        {
            priorityClass["description"] = description;
        }

        return priorityClass;
    }
}
