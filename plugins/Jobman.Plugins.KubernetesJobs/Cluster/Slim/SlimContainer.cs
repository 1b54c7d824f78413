namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimContainer
{
    public string? Name { get; init; }

    public string? Image { get; init; }

    public List<string>? Command { get; init; }

    public List<string>? Args { get; init; }

    public SlimResources? Resources { get; init; }
}
