namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimContainer
{
    public string? Name { get; set; }

    public string? Image { get; set; }

    public List<string>? Command { get; set; }

    public List<string>? Args { get; set; }

    public SlimResources? Resources { get; set; }
}
