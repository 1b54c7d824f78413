namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimRunning
{
    public DateTime? StartedAt { get; set; }
}
