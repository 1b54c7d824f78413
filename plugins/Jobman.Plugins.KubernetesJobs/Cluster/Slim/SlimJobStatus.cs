namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimJobStatus
{
    public List<SlimCondition>? Conditions { get; set; }

    public int? Active { get; set; }

    /// <summary>Active pods with a Ready condition (Kubernetes 1.24+; null on older clusters).</summary>
    public int? Ready { get; set; }

    public int? Succeeded { get; set; }

    public int? Failed { get; set; }

    /// <summary>Indexed Jobs: the succeeded indexes, compressed (e.g. <c>0-3,7</c>).</summary>
    public string? CompletedIndexes { get; set; }

    /// <summary>Indexed Jobs with per-index retries: the indexes that failed for good.</summary>
    public string? FailedIndexes { get; set; }

    public DateTime? StartTime { get; set; }

    public DateTime? CompletionTime { get; set; }
}
