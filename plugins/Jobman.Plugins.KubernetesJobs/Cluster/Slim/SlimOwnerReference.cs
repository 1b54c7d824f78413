namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimOwnerReference
{
    public string? Uid { get; init; }

    public bool? Controller { get; init; }
}
