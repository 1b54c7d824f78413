using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>A ClusterQueue's resource groups read once: covered resources, flavors in order, nominal quotas.</summary>
internal sealed class ClusterQueueQuota
{
    private ClusterQueueQuota(IReadOnlyList<ResourceGroup> groups, FlavorUsage nominal)
    {
        Groups = groups;
        Nominal = nominal;
    }

    public sealed record ResourceGroup(IReadOnlyList<string> CoveredResources, IReadOnlyList<string> Flavors);

    public IReadOnlyList<ResourceGroup> Groups { get; }

    public FlavorUsage Nominal { get; }

    public IEnumerable<string> Flavors => Groups.SelectMany(g => g.Flavors).Distinct(StringComparer.Ordinal);

    public static ClusterQueueQuota Of(JsonObject clusterQueue)
    {
        var groups = new List<ResourceGroup>();
        var nominal = new FlavorUsage();
        foreach (var group in clusterQueue["spec"]?["resourceGroups"] as JsonArray ?? [])
        {
            var covered = (group?["coveredResources"] as JsonArray ?? []).Select(KubeObjects.Str).OfType<string>().ToList();
            var flavors = new List<string>();
            foreach (var flavor in group?["flavors"] as JsonArray ?? [])
            {
                var flavorName = KubeObjects.Str(flavor?["name"]) ?? string.Empty;
                flavors.Add(flavorName);
                foreach (var resource in flavor?["resources"] as JsonArray ?? [])
                {
                    nominal[flavorName, KubeObjects.Str(resource?["name"]) ?? string.Empty] = KueueQuantity.Parse(resource?["nominalQuota"]);
                }
            }

            groups.Add(new ResourceGroup(covered, flavors));
        }

        return new ClusterQueueQuota(groups, nominal);
    }
}
