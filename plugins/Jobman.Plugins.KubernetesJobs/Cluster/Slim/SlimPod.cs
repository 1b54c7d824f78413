namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

/// <summary>jobman's read model of a Pod (status, owner, node, containers); never turned into a <c>V1Pod</c>.</summary>

internal sealed class SlimPod
{
    public SlimObjectMeta? Metadata { get; set; }

    public SlimPodSpec? Spec { get; set; }

    public SlimPodStatus? Status { get; set; }
}
