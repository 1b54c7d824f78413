namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimListMeta
{
    public string? Continue { get; set; }

    public string? ResourceVersion { get; set; }
}
