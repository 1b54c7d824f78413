namespace Jobman.Plugins.KubernetesJobs.Status;

/// <summary>What a job is doing, in words a user understands.</summary>
/// <param name="Status">Pending, Running, Succeeded, Failed, Queued (suspended in a Kueue queue), Admitted (Kueue admitted it, no pod yet), Suspended or Unknown.</param>
/// <param name="Reason">Why (e.g. ImagePullBackOff, Unschedulable, OOMKilled, exit code 3); empty when nothing to say.</param>
internal sealed record JobState(string Status, string Reason)
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Suspended = "Suspended";
    public const string Queued = "Queued";
    public const string Admitted = "Admitted";
    public const string Unknown = "Unknown";
}
