using System.Text.Json.Nodes;

namespace Jobman.Kubernetes.Kueue;

/// <summary>A ClusterQueue (usually admin-only): quota per flavor and resource, usage, strategy.</summary>
public sealed record KueueClusterQueue(string Name, string Strategy, IReadOnlyList<KueueFlavorUsage> Quota, int Pending, int Admitted)
{
    /// <summary>The nominal quota of <paramref name="resource"/> in <paramref name="flavor"/>, or null when the queue has none.</summary>
    public string? QuotaOf(string flavor, string resource) => Quota.FirstOrDefault(q => q.Flavor == flavor && q.Resource == resource)?.Quota;

    public static KueueClusterQueue From(JsonObject item)
    {
        var nominal = new Dictionary<(string, string), string>();
        var order = new List<(string Flavor, string Resource)>();
        foreach (var group in item["spec"]?["resourceGroups"] as JsonArray ?? [])
        {
            foreach (var flavor in group?["flavors"] as JsonArray ?? [])
            {
                foreach (var resource in flavor?["resources"] as JsonArray ?? [])
                {
                    var key = (KueueJson.Str(flavor?["name"]) ?? "?", KueueJson.Str(resource?["name"]) ?? "?");
                    nominal[key] = KueueJson.Quantity(resource?["nominalQuota"]) ?? "0";
                    order.Add(key);
                }
            }
        }

        var used = KueueLocalQueue.Flatten(item["status"]?["flavorsUsage"] as JsonArray ?? [], quota: null)
            .ToDictionary(u => (u.Flavor, u.Resource), u => u.Used);
        var status = item["status"];
        return new KueueClusterQueue(
            KueueJson.Str(item["metadata"]?["name"]) ?? "?",
            KueueJson.Str(item["spec"]?["queueingStrategy"]) ?? "BestEffortFIFO",
            order.Select(k => new KueueFlavorUsage(k.Flavor, k.Resource, nominal[k], used.GetValueOrDefault(k) ?? "0")).ToList(),
            (int)(KueueJson.Long(status?["pendingWorkloads"]) ?? 0),
            (int)(KueueJson.Long(status?["admittedWorkloads"]) ?? 0));
    }
}
