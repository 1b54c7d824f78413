namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

/// <summary>
/// jobman's read model of a Job: the fields list, details, logs and wait read. Not a <c>V1Job</c> and never turned
/// into one: commands that print objects print them as the server sent them.
/// </summary>

internal sealed class SlimJob
{
    public SlimObjectMeta? Metadata { get; init; }

    public SlimJobSpec? Spec { get; init; }

    public SlimJobStatus? Status { get; init; }
}

internal sealed class SlimJobSpec
{
    public bool? Suspend { get; init; }

    public int? BackoffLimit { get; init; }

    public SlimPodTemplate? Template { get; init; }
}

internal sealed class SlimPodTemplate
{
    public SlimPodSpec? Spec { get; init; }
}

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
