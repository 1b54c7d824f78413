using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>Addresses and container ids of one simulated pod.</summary>
internal sealed record PodNetwork(string HostIp, string PodIp, string PodUid)
{
    public string ContainerId(JsonObject container) =>
        "containerd://" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(PodUid + "/" + KubeObjects.Str(container["name"]))));
}
