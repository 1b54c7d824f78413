namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimTerminated
{
    public string? Reason { get; set; }

    public int ExitCode { get; set; }
}
