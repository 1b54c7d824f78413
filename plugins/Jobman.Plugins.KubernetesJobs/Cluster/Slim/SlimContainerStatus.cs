namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimContainerStatus
{
    public string? Name { get; init; }

    public SlimContainerState? State { get; init; }

    public SlimContainerState? LastState { get; init; }
}
