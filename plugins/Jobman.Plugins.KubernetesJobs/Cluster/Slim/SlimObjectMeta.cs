namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimObjectMeta
{
    public string? Name { get; set; }

    public string? Namespace { get; set; }

    public string? Uid { get; set; }

    public string? ResourceVersion { get; set; }

    public DateTime? CreationTimestamp { get; set; }

    public DateTime? DeletionTimestamp { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public Dictionary<string, string>? Annotations { get; set; }

    public List<SlimOwnerReference>? OwnerReferences { get; set; }
}
