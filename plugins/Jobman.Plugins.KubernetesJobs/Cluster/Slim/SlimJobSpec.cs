namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimJobSpec
{
    public bool? Suspend { get; init; }

    public int? BackoffLimit { get; init; }

    /// <summary><c>Indexed</c> for arrays; <c>NonIndexed</c> (or null on old clusters) otherwise.</summary>
    public string? CompletionMode { get; init; }

    public int? Completions { get; init; }

    public int? Parallelism { get; init; }

    public int? BackoffLimitPerIndex { get; init; }

    public int? MaxFailedIndexes { get; init; }

    public SlimPodTemplate? Template { get; init; }
}
