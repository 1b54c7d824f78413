namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimPodSpec
{
    public string? NodeName { get; init; }

    public List<SlimContainer>? Containers { get; init; }
}
