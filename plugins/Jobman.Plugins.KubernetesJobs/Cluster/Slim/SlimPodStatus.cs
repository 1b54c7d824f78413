namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimPodStatus
{
    public string? Phase { get; init; }

    public string? Reason { get; init; }

    public List<SlimCondition>? Conditions { get; init; }

    public List<SlimContainerStatus>? ContainerStatuses { get; init; }
}
