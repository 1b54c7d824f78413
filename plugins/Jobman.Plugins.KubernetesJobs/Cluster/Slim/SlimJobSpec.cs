namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimJobSpec
{
    public bool? Suspend { get; set; }

    public int? BackoffLimit { get; set; }

    /// <summary><c>Indexed</c> for arrays; <c>NonIndexed</c> (or null on old clusters) otherwise.</summary>
    public string? CompletionMode { get; set; }

    public int? Completions { get; set; }

    public int? Parallelism { get; set; }

    public int? BackoffLimitPerIndex { get; set; }

    public int? MaxFailedIndexes { get; set; }

    public SlimPodTemplate? Template { get; set; }
}
