namespace Jobman.Core.History;

/// <summary>
/// What jobman knew about one job at the moment it saw it (on submit, list, details, wait, logs). Fields left null
/// are unknown at that moment and keep what an earlier sighting recorded.
/// </summary>
/// <param name="Cluster">The API server URL the job lives on (a kubeconfig context name is only a local alias).</param>
/// <param name="Namespace">The job's namespace.</param>
/// <param name="Name">The job's name.</param>
public sealed record JobSighting(string Cluster, string Namespace, string Name)
{
    /// <summary>The job's uid (null only when the server did not say it).</summary>
    public string? Uid { get; init; }

    /// <summary>The kubeconfig context used to reach the cluster, when known.</summary>
    public string? Context { get; init; }

    /// <summary>The image as written in the job.</summary>
    public string? Image { get; init; }

    /// <summary>The image digest (<c>sha256:...</c>) the registry or the kubelet resolved, when known.</summary>
    public string? ImageDigest { get; init; }

    /// <summary>The resources flavor name.</summary>
    public string? Flavor { get; init; }

    /// <summary>The flavor's resources, e.g. <c>cpu=4, memory=16Gi, nvidia.com/gpu=1</c> (limits, else requests).</summary>
    public string? Resources { get; init; }

    /// <summary>How many GPUs the job's container asks for (0 for CPU-only jobs).</summary>
    public double? Gpus { get; init; }

    /// <summary>The container command and arguments, shell-quoted.</summary>
    public string? Command { get; init; }

    /// <summary>When the job was created.</summary>
    public DateTimeOffset? Submitted { get; init; }

    /// <summary>When it started running.</summary>
    public DateTimeOffset? Started { get; init; }

    /// <summary>When it ended (succeeded or failed).</summary>
    public DateTimeOffset? Ended { get; init; }

    /// <summary>Pending, Running, Succeeded, Failed, Queued, Suspended or Unknown.</summary>
    public string? Status { get; init; }

    /// <summary>Why (e.g. <c>OOMKilled</c>, <c>Unschedulable</c>); empty when there is nothing to say.</summary>
    public string? Reason { get; init; }

    /// <summary>The exit code of the job's container, once it ended.</summary>
    public int? ExitCode { get; init; }
}
