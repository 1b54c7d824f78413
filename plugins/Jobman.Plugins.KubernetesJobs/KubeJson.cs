using System.Text.Json.Nodes;
using k8s;

namespace Jobman.Plugins.KubernetesJobs;

/// <summary>Kubernetes objects as JSON nodes, serialized the way the API server writes them.</summary>
internal static class KubeJson
{
    public static JsonNode? ToNode(object? value) => value is null ? null : JsonNode.Parse(KubernetesJson.Serialize(value));
}
