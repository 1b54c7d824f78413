namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimPodStatus
{
    public string? Phase { get; set; }

    public string? Reason { get; set; }

    public List<SlimCondition>? Conditions { get; set; }

    public List<SlimContainerStatus>? ContainerStatuses { get; set; }
}
