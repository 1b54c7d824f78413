namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimWaiting
{
    public string? Reason { get; set; }

    public string? Message { get; set; }
}
