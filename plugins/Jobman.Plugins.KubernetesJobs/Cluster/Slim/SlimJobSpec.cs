namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimJobSpec
{
    public bool? Suspend { get; init; }

    public int? BackoffLimit { get; init; }

    public SlimPodTemplate? Template { get; init; }
}
