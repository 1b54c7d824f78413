using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// core/v1 Events as the job controller, scheduler and kubelet record them (reasons and messages of upstream), so
/// <c>kubectl describe</c> and clients that explain a pending pod see what a cluster would show. Callers hold the store lock.
/// </summary>
internal sealed class EventRecorder(ClusterStore store)
{
    public void Normal(ResourceType type, JsonObject involved, string reason, string message, string component) =>
        Record(type, involved, "Normal", reason, message, component);

    public void Warning(ResourceType type, JsonObject involved, string reason, string message, string component) =>
        Record(type, involved, "Warning", reason, message, component);

    private void Record(ResourceType type, JsonObject involved, string eventType, string reason, string message, string component)
    {
        var ns = KubeObjects.Namespace(involved);
        var name = KubeObjects.Name(involved);
        if (ns is null || name is null)
        {
            return;
        }

        var now = KubeObjects.Time(DateTimeOffset.UtcNow);
        var evt = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = $"{name}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}" },
            ["involvedObject"] = new JsonObject
            {
                ["kind"] = type.Kind,
                ["namespace"] = ns,
                ["name"] = name,
                ["uid"] = KubeObjects.Uid(involved),
                ["apiVersion"] = type.ApiVersion,
                ["resourceVersion"] = KubeObjects.Str(involved["metadata"]?["resourceVersion"]),
            },
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = component == "kubelet"
                ? new JsonObject { ["component"] = component, ["host"] = KubeObjects.Str(involved["spec"]?["nodeName"]) }
                : new JsonObject { ["component"] = component },
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["count"] = 1,
            ["type"] = eventType,
            ["eventTime"] = null,
            ["reportingComponent"] = component,
            ["reportingInstance"] = component == "kubelet" ? KubeObjects.Str(involved["spec"]?["nodeName"]) ?? string.Empty : string.Empty,
        };
        store.Add(ResourceType.Events, ns, evt);
    }
}
