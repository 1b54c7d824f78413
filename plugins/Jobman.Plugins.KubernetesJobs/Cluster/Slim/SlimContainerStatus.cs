namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimContainerStatus
{
    public string? Name { get; set; }

    /// <summary>The image the kubelet ran, by digest (e.g. <c>docker-pullable://repo@sha256:...</c>).</summary>
    public string? ImageID { get; set; }

    public SlimContainerState? State { get; set; }

    public SlimContainerState? LastState { get; set; }
}
