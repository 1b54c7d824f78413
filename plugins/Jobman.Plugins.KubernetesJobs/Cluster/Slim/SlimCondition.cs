namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimCondition
{
    public string? Type { get; init; }

    public string? Status { get; init; }

    public string? Reason { get; init; }

    public string? Message { get; init; }

    public DateTime? LastTransitionTime { get; init; }
}
