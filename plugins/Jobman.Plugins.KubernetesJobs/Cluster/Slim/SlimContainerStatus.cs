namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimContainerStatus
{
    public string? Name { get; init; }

    /// <summary>The image the kubelet ran, by digest (e.g. <c>docker-pullable://repo@sha256:...</c>).</summary>
    public string? ImageID { get; init; }

    public SlimContainerState? State { get; init; }

    public SlimContainerState? LastState { get; init; }
}
