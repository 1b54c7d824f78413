namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimPodTemplate
{
    public SlimPodSpec? Spec { get; set; }
}
