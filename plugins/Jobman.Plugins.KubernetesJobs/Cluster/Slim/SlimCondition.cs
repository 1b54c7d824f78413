namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimCondition
{
    public string? Type { get; set; }

    public string? Status { get; set; }

    public string? Reason { get; set; }

    public string? Message { get; set; }

    public DateTime? LastTransitionTime { get; set; }
}
