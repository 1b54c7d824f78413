using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// The kubelet's check before it creates a container: with <c>runAsNonRoot: true</c> (pod or container level, the
/// container's winning) a <c>runAsUser</c> of 0 is refused, and the container waits with reason
/// <c>CreateContainerConfigError</c>. (A real kubelet also refuses an image whose user is root; images are ignored here.)
/// </summary>
internal static class NonRootPolicy
{
    public const string Reason = "CreateContainerConfigError";

    /// <summary>The kubelet's message for the first container that breaks the policy, or null when none does.</summary>
    public static string? Violation(JsonObject pod, string ns)
    {
        var podContext = pod["spec"]?["securityContext"];
        foreach (var container in PodStatuses.Containers(pod))
        {
            var own = container["securityContext"];
            var nonRoot = Bool(own?["runAsNonRoot"]) ?? Bool(podContext?["runAsNonRoot"]);
            var user = KubeObjects.Long(own?["runAsUser"]) ?? KubeObjects.Long(podContext?["runAsUser"]);
            if (nonRoot == true && user == 0)
            {
                return $"container's runAsUser breaks non-root policy (pod: \"{KubeObjects.Name(pod)}_{ns}({KubeObjects.Uid(pod)})\", container: {KubeObjects.Str(container["name"])})";
            }
        }

        return null;
    }

    private static bool? Bool(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var b) ? b : null;
}
