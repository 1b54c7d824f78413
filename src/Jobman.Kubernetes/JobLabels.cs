namespace Jobman.Kubernetes;

/// <summary>Label and annotation keys jobman writes and reads, and those the Job controller sets (one place for every plugin).</summary>
public static class JobLabels
{
    /// <summary>Marks jobs (and their pods) created by jobman, so list and delete --all touch nothing else.</summary>
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    /// <summary>The value of <see cref="ManagedBy"/> on jobman's jobs.</summary>
    public const string ManagedByValue = "jobman";

    /// <summary>The label selector of jobman's jobs.</summary>
    public const string ManagedSelector = ManagedBy + "=" + ManagedByValue;

    /// <summary>The flavor name as a label, so jobs can be selected by flavor (annotations cannot be selected).</summary>
    public const string Flavor = "jobman.io/flavor";

    /// <summary>The uid of the Job that created a pod, set on its pods by the API server (Kubernetes 1.27+).</summary>
    public const string ControllerUid = "batch.kubernetes.io/controller-uid";

    /// <summary>The older spelling of <see cref="ControllerUid"/>, still set by current clusters.</summary>
    public const string LegacyControllerUid = "controller-uid";

    /// <summary>Set by the job controller on every pod it creates (Kubernetes 1.27+).</summary>
    public const string JobName = "batch.kubernetes.io/job-name";

    /// <summary>The older spelling of <see cref="JobName"/>, still set by current clusters.</summary>
    public const string LegacyJobName = "job-name";

    /// <summary>Kueue: the LocalQueue (same namespace) a Job joins; Kueue wants such Jobs created suspended.</summary>
    public const string KueueQueueName = "kueue.x-k8s.io/queue-name";

    /// <summary>Kueue: the WorkloadPriorityClass of the Job's workload.</summary>
    public const string KueuePriorityClass = "kueue.x-k8s.io/priority-class";

    /// <summary>The annotation the original jobman read the flavor from (hard-coded there).</summary>
    public const string LegacyFlavorAnnotation = "chaimeleon.eu/jobResourcesFlavor";
}
