namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimContainerState
{
    public SlimWaiting? Waiting { get; init; }

    public SlimRunning? Running { get; init; }

    public SlimTerminated? Terminated { get; init; }
}
