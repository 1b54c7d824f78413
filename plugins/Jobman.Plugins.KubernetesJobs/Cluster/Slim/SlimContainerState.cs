namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

internal sealed class SlimContainerState
{
    public SlimWaiting? Waiting { get; set; }

    public SlimRunning? Running { get; set; }

    public SlimTerminated? Terminated { get; set; }
}
