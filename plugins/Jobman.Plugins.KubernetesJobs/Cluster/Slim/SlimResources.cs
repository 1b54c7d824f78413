namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimResources
{
    public Dictionary<string, string>? Requests { get; set; }

    public Dictionary<string, string>? Limits { get; set; }
}
