namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimTerminated
{
    public string? Reason { get; init; }

    public int ExitCode { get; init; }
}
