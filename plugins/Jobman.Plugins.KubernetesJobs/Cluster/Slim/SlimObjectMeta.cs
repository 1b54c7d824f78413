namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimObjectMeta
{
    public string? Name { get; init; }

    public string? Namespace { get; init; }

    public string? Uid { get; init; }

    public string? ResourceVersion { get; init; }

    public DateTime? CreationTimestamp { get; init; }

    public DateTime? DeletionTimestamp { get; init; }

    public Dictionary<string, string>? Labels { get; init; }

    public Dictionary<string, string>? Annotations { get; init; }

    public List<SlimOwnerReference>? OwnerReferences { get; init; }
}
