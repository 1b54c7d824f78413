namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

/// <summary>
/// jobman's read model of a Job: the fields list, details, logs and wait read. Not a <c>V1Job</c> and never turned
/// into one: commands that print objects print them as the server sent them.
/// </summary>

internal sealed class SlimJob
{
    public SlimObjectMeta? Metadata { get; set; }

    public SlimJobSpec? Spec { get; set; }

    public SlimJobStatus? Status { get; set; }
}
