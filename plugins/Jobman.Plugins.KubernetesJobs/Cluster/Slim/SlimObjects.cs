namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

// The fields of list responses that list, details, logs and wait read, named as in the API's JSON. Everything else
// in a response is skipped by the reader without being materialised (see SlimJson for why).

internal sealed class SlimList<T>
{
    public SlimListMeta? Metadata { get; init; }

    public List<T>? Items { get; init; }
}

internal sealed class SlimListMeta
{
    public string? Continue { get; init; }

    public string? ResourceVersion { get; init; }
}

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

internal sealed class SlimOwnerReference
{
    public string? Uid { get; init; }

    public bool? Controller { get; init; }
}

internal sealed class SlimCondition
{
    public string? Type { get; init; }

    public string? Status { get; init; }

    public string? Reason { get; init; }

    public string? Message { get; init; }

    public DateTime? LastTransitionTime { get; init; }
}
