namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimWaiting
{
    public string? Reason { get; init; }

    public string? Message { get; init; }
}
