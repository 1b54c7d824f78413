namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimListMeta
{
    public string? Continue { get; init; }

    public string? ResourceVersion { get; init; }
}
