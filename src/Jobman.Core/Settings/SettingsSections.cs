using System.Text.Json.Nodes;

namespace Jobman.Core.Settings;

/// <summary>The <c>jobsQueue</c> settings: where the queue ConfigMap lives and which resources count as GPUs.</summary>
public sealed record JobsQueueSettings
{
    /// <summary>Namespace of the queue ConfigMap.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Name of the queue ConfigMap, also the <c>data</c> key holding the JSON.</summary>
    public string Configmap { get; init; } = "jobman-queue-position";

    /// <summary>Resource names summed into the GPU figure (e.g. <c>nvidia.com/gpu</c>).</summary>
    public IReadOnlyList<string> GpuResources { get; init; } = [];
}

/// <summary>The <c>job</c> settings used by <c>submit</c>.</summary>
public sealed record JobSettings
{
    /// <summary>Annotations added to every job.</summary>
    public IReadOnlyList<AnnotationSetting>? Annotations { get; init; }

    /// <summary>Image used when <c>-i</c> is absent.</summary>
    public string? DefaultImage { get; init; }

    /// <summary>Prepended verbatim to the image (e.g. <c>harbor.example/project/</c>).</summary>
    public string? ImagePrefix { get; init; }

    /// <summary>ConfigMap in the user's namespace whose <c>ceph.gid</c> becomes the supplemental group.</summary>
    public string? UserConfigmap { get; init; }

    /// <summary>Copied to the pod spec when set.</summary>
    public string? PriorityClassName { get; init; }

    /// <summary>Copied to the pod's securityContext (null: omitted).</summary>
    public JsonObject? SecurityContext { get; init; }

    /// <summary>Flavor settings.</summary>
    public ResourcesSettings Resources { get; init; } = new();
}

/// <summary>One entry of <c>job.annotations</c>.</summary>
/// <param name="Key">Annotation key.</param>
/// <param name="Value">Literal value, or the name of an environment variable when <paramref name="ValueType"/> is <c>env</c>.</param>
/// <param name="ValueType"><c>string</c> or <c>env</c>.</param>
public sealed record AnnotationSetting(string Key, string? Value, string? ValueType);

/// <summary>The <c>job.resources</c> settings.</summary>
public sealed record ResourcesSettings
{
    /// <summary>Name of the default flavor.</summary>
    public string? Default { get; init; }

    /// <summary>Annotation key under which the flavor name is stored on the job.</summary>
    public string? Label { get; init; }

    /// <summary>The predefined flavors, as written in settings (parsed by <see cref="Flavors.ResourceFlavorParser"/>).</summary>
    public JsonArray? Predefined { get; init; }
}

/// <summary>The <c>kubeConfig</c> settings of the original.</summary>
public sealed record KubeConfigSettings
{
    /// <summary><c>default</c> (KUBECONFIG, ~/.kube/config, in-cluster), <c>cluster</c> (in-cluster) or <c>file</c>.</summary>
    public string Type { get; init; } = "default";

    /// <summary>The kubeconfig path for type <c>file</c>.</summary>
    public string? File { get; init; }
}
