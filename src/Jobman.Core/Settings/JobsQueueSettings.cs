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
