using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// The garbage collector's part for ConfigMaps a Job owns (metadata.ownerReferences naming the Job's uid): deleted
/// with the Job under Background/Foreground propagation, or released (that owner reference removed) under Orphan.
/// Callers hold the store lock.
/// </summary>
internal static class OwnedConfigMaps
{
    public static void Collect(ClusterStore store, JsonObject owner, bool orphan)
    {
        var uid = KubeObjects.Uid(owner);
        foreach (var configMap in store.LiveAll(ResourceType.ConfigMaps, KubeObjects.Namespace(owner)).ToList())
        {
            var references = configMap["metadata"]?["ownerReferences"] as JsonArray ?? [];
            var others = references.Where(r => KubeObjects.Str(r?["uid"]) != uid).ToList();
            if (others.Count == references.Count)
            {
                continue;
            }

            // A dependent that still has another owner is kept and only loses this reference, as the collector does.
            if (orphan || others.Count > 0)
            {
                var meta = KubeObjects.Metadata(configMap);
                if (others.Count == 0)
                {
                    meta.Remove("ownerReferences");
                }
                else
                {
                    meta["ownerReferences"] = new JsonArray(others.Select(r => r?.DeepClone()).ToArray());
                }

                store.Modified(ResourceType.ConfigMaps, configMap);
            }
            else
            {
                store.Remove(ResourceType.ConfigMaps, configMap);
            }
        }
    }
}
