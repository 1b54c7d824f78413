namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimPodSpec
{
    public string? NodeName { get; set; }

    public List<SlimContainer>? Containers { get; set; }
}
