namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimJobStatus
{
    public List<SlimCondition>? Conditions { get; init; }

    public int? Active { get; init; }

    /// <summary>Active pods with a Ready condition (Kubernetes 1.24+; null on older clusters).</summary>
    public int? Ready { get; init; }

    public int? Succeeded { get; init; }

    public int? Failed { get; init; }

    public DateTime? StartTime { get; init; }

    public DateTime? CompletionTime { get; init; }
}
