using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>
/// What a Workload asks for, as Kueue totals it: per pod set, the containers' requests (limits where a request is
/// missing, like apiserver's defaulting) times the pod count, plus one <c>pods</c> per pod.
/// </summary>
internal sealed record PodSetRequests(string Name, int Count, IReadOnlyDictionary<string, decimal> Total)
{
    public static IReadOnlyList<PodSetRequests> Of(JsonObject workload)
    {
        var result = new List<PodSetRequests>();
        foreach (var podSet in workload["spec"]?["podSets"] as JsonArray ?? [])
        {
            var count = (int)(KubeObjects.Long(podSet?["count"]) ?? 1);
            var perPod = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var container in podSet?["template"]?["spec"]?["containers"] as JsonArray ?? [])
            {
                var requests = container?["resources"]?["requests"] as JsonObject ?? [];
                var limits = container?["resources"]?["limits"] as JsonObject ?? [];
                foreach (var name in requests.Select(kv => kv.Key).Union(limits.Select(kv => kv.Key)))
                {
                    var value = KueueQuantity.Parse(requests[name] ?? limits[name]);
                    perPod[name] = perPod.GetValueOrDefault(name) + value;
                }
            }

            var total = perPod.Where(kv => kv.Value != 0).ToDictionary(kv => kv.Key, kv => kv.Value * count, StringComparer.Ordinal);
            total["pods"] = count;
            result.Add(new PodSetRequests(KubeObjects.Str(podSet?["name"]) ?? KueueLabels.DefaultPodSet, count, total));
        }

        return result;
    }

    /// <summary>The requests as <c>status.resourceRequests</c> shows them (without the implicit <c>pods</c>).</summary>
    public JsonObject ToResourceRequests() => new()
    {
        ["name"] = Name,
        ["resources"] = Resources(Total.Where(kv => kv.Key != "pods")),
    };

    public static JsonObject Resources(IEnumerable<KeyValuePair<string, decimal>> values)
    {
        var resources = new JsonObject();
        foreach (var (name, value) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            resources[name] = KueueQuantity.Format(value);
        }

        return resources;
    }
}
