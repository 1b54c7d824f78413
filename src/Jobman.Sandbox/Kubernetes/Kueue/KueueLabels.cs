namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>The labels and names Kueue's job integration reads and writes.</summary>
internal static class KueueLabels
{
    public const string QueueName = "kueue.x-k8s.io/queue-name";
    public const string PriorityClass = "kueue.x-k8s.io/priority-class";
    public const string JobUid = "kueue.x-k8s.io/job-uid";
    public const string DefaultPodSet = "main";
    public const string ControllerName = "kueue-admission";
}
