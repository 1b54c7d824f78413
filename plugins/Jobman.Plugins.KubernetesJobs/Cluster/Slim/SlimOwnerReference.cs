namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimOwnerReference
{
    public string? Uid { get; set; }

    public bool? Controller { get; set; }
}
