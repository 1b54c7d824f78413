namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimJobStatus
{
    public List<SlimCondition>? Conditions { get; init; }

    public int? Active { get; init; }

    /// <summary>Active pods with a Ready condition (Kubernetes 1.24+; null on older clusters).</summary>
    public int? Ready { get; init; }

    public int? Succeeded { get; init; }

    public int? Failed { get; init; }

    /// <summary>Indexed Jobs: the succeeded indexes, compressed (e.g. <c>0-3,7</c>).</summary>
    public string? CompletedIndexes { get; init; }

    /// <summary>Indexed Jobs with per-index retries: the indexes that failed for good.</summary>
    public string? FailedIndexes { get; init; }

    public DateTime? StartTime { get; init; }

    public DateTime? CompletionTime { get; init; }
}
