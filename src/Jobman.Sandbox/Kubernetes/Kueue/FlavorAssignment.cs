namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>
/// The outcome of trying a workload against a ClusterQueue: the flavor of each resource per pod set, or why not
/// (upstream's message, e.g. <c>couldn't assign flavors to pod set main: insufficient unused quota for cpu in
/// flavor default-flavor, 3 more needed</c>).
/// </summary>
internal sealed record FlavorAssignment(IReadOnlyList<FlavorAssignment.PodSet>? PodSets, string? Failure)
{
    public sealed record PodSet(PodSetRequests Requests, IReadOnlyDictionary<string, string> Flavors);

    public bool Fits => PodSets is not null;

    /// <summary>Assigns flavors in each resource group's order; a flavor fits when every requested resource it covers fits.</summary>
    public static FlavorAssignment Try(IReadOnlyList<PodSetRequests> podSets, ClusterQueueQuota quota, FlavorUsage used)
    {
        var assumed = used.Copy();
        var result = new List<PodSet>();
        foreach (var podSet in podSets)
        {
            var flavors = new Dictionary<string, string>(StringComparer.Ordinal);
            var reasons = new List<string>();
            foreach (var resource in podSet.Total.Keys.Where(r => r != "pods" && !quota.Groups.Any(g => g.CoveredResources.Contains(r))).Order(StringComparer.Ordinal))
            {
                reasons.Add($"resource {resource} unavailable in ClusterQueue");
            }

            foreach (var group in quota.Groups)
            {
                var wanted = podSet.Total.Keys.Where(group.CoveredResources.Contains).Order(StringComparer.Ordinal).ToList();
                if (wanted.Count == 0 || reasons.Count > 0)
                {
                    continue;
                }

                var groupReasons = new List<string>();
                var chosen = group.Flavors.FirstOrDefault(flavor => FitsIn(flavor, wanted, podSet, quota, assumed, groupReasons));
                if (chosen is null)
                {
                    reasons.AddRange(groupReasons);
                    continue;
                }

                foreach (var resource in wanted)
                {
                    flavors[resource] = chosen;
                    assumed.Add(chosen, resource, podSet.Total[resource]);
                }
            }

            if (reasons.Count > 0)
            {
                return new FlavorAssignment(null, $"couldn't assign flavors to pod set {podSet.Name}: {string.Join(", ", reasons)}");
            }

            result.Add(new PodSet(podSet, flavors));
        }

        return new FlavorAssignment(result, null);
    }

    private static bool FitsIn(string flavor, IReadOnlyList<string> resources, PodSetRequests podSet, ClusterQueueQuota quota, FlavorUsage assumed, List<string> reasons)
    {
        var fits = true;
        foreach (var resource in resources)
        {
            var request = podSet.Total[resource];
            var nominal = quota.Nominal[flavor, resource];
            var inUse = assumed[flavor, resource];
            if (request > nominal)
            {
                reasons.Add($"insufficient quota for {resource} in flavor {flavor}, previously considered podsets requests (0) + current podset request ({KueueQuantity.Format(request)}) > maximum capacity ({KueueQuantity.Format(nominal)})");
                fits = false;
            }
            else if (inUse + request > nominal)
            {
                reasons.Add($"insufficient unused quota for {resource} in flavor {flavor}, {KueueQuantity.Format(inUse + request - nominal)} more needed");
                fits = false;
            }
        }

        return fits;
    }
}
