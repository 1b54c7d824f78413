using Jobman.Kubernetes;
using Jobman.Plugins.KubernetesJobs.Arrays;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;

namespace Jobman.Plugins.KubernetesJobs.Status;

/// <summary>
/// Derives a job's status from the job's own status first (conditions, then the active/ready/failed counters the Job
/// controller keeps), and uses its pods, newest first, only to explain it (Unschedulable, ImagePullBackOff,
/// OOMKilled, exit code). Pods belong to a job by the labels the Job controller sets, so jobs whose pods carry none
/// of jobman's labels are judged right. Never throws: a job with data it cannot interpret is <c>Unknown</c>, so one
/// odd job never breaks a list.
/// </summary>
internal static class JobStatusDeriver
{
    /// <param name="job">The job.</param>
    /// <param name="pods">Its pods, newest first.</param>
    /// <param name="kueue">What Kueue says about it, when it is queued and Kueue could be read.</param>
    /// <param name="allFailedTasks">Name every failed task of an array (a final word), not as many as fit a table cell.</param>
    public static JobState Derive(SlimJob job, IReadOnlyList<SlimPod> pods, KueueInfo? kueue = null, bool allFailedTasks = false)
    {
        try
        {
            var state = DeriveOrThrow(job, pods, kueue);
            return ArrayStatus.Of(job) is { } array ? ForArray(state, array, job, allFailedTasks) : state;
        }
        catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or ArgumentException or FormatException)
        {
            return new JobState(JobState.Unknown, string.Empty);
        }
    }

    /// <summary>
    /// The job's pods, newest first: those the Job controller labelled with the job's uid (or owns by uid), else,
    /// on objects without uids, those labelled with its name.
    /// </summary>
    public static List<SlimPod> PodsOf(SlimJob job, IEnumerable<SlimPod> pods)
    {
        var uid = job.Metadata?.Uid;
        var name = job.Metadata?.Name;
        var own = pods.Where(p => ControllerUidOf(p) is { } owner && uid is not null ? owner == uid : name is not null && JobNameOf(p) == name).ToList();
        own.Sort(NewestFirst);
        return own;
    }

    /// <summary>Newest first, then by name descending; a comparison, as LINQ's sorter for a DateTime key is compiled at run time.</summary>
    private static int NewestFirst(SlimPod a, SlimPod b)
    {
        var byCreation = (b.Metadata?.CreationTimestamp ?? DateTime.MinValue).CompareTo(a.Metadata?.CreationTimestamp ?? DateTime.MinValue);
        return byCreation != 0 ? byCreation : string.CompareOrdinal(b.Metadata?.Name, a.Metadata?.Name);
    }

    /// <summary>The uid of the job that created the pod: the Job controller's label, else the controller owner reference.</summary>
    public static string? ControllerUidOf(SlimPod pod)
    {
        var labels = pod.Metadata?.Labels;
        if (labels is not null && (labels.TryGetValue(JobLabels.ControllerUid, out var uid) || labels.TryGetValue(JobLabels.LegacyControllerUid, out uid)))
        {
            return uid;
        }

        var owners = pod.Metadata?.OwnerReferences;
        return (owners?.FirstOrDefault(o => o.Controller == true) ?? owners?.FirstOrDefault())?.Uid;
    }

    public static string? JobNameOf(SlimPod pod) =>
        pod.Metadata?.Labels is { } labels
            ? (labels.TryGetValue(JobLabels.JobName, out var n) ? n : labels.TryGetValue(JobLabels.LegacyJobName, out var l) ? l : null)
            : null;

    /// <summary>True once the job has a final condition (Complete or Failed): only then is its result known.</summary>
    public static bool HasEnded(SlimJob job) =>
        job.Status?.Conditions?.Any(c => JobConditions.IsFinished(c.Type, c.Status)) == true;

    /// <summary>The state of one pod with its reason.</summary>
    public static JobState DerivePod(SlimPod pod)
    {
        var main = MainContainerStatus(pod);
        switch (pod.Status?.Phase)
        {
            case "Pending":
                var unschedulable = pod.Status.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "False");
                if (unschedulable is not null)
                {
                    return new JobState(JobState.Pending, unschedulable.Reason ?? "Unschedulable");
                }

                return new JobState(JobState.Pending, main?.State?.Waiting?.Reason ?? string.Empty);
            case "Running":
                return new JobState(JobState.Running, main?.State?.Waiting?.Reason ?? string.Empty);
            case "Succeeded":
                return new JobState(JobState.Succeeded, string.Empty);
            case "Failed":
                return new JobState(JobState.Failed, FailureReason(pod, main));
            default:
                return new JobState(JobState.Unknown, string.Empty);
        }
    }

    /// <summary>True when the pod's main container runs or ran, so it has a log.</summary>
    public static bool HasStarted(SlimPod pod)
    {
        var container = MainContainerStatus(pod);
        return container?.State?.Running is not null || container?.State?.Terminated is not null || pod.Status?.Phase is "Running" or "Succeeded" or "Failed";
    }

    /// <summary>True when the pod has ended or its main container has terminated.</summary>
    public static bool HasFinished(SlimPod pod) =>
        pod.Status?.Phase is "Succeeded" or "Failed" || MainContainerStatus(pod)?.State?.Terminated is not null;

    /// <summary>The first container's status (jobman jobs have exactly one, named <c>main</c>).</summary>
    public static SlimContainerStatus? MainContainerStatus(SlimPod pod) =>
        pod.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == "main") ?? pod.Status?.ContainerStatuses?.FirstOrDefault();

    private static JobState DeriveOrThrow(SlimJob job, IReadOnlyList<SlimPod> pods, KueueInfo? kueue)
    {
        var status = job.Status;
        if (status is null)
        {
            return new JobState(JobState.Unknown, string.Empty);
        }

        var conditions = status.Conditions ?? [];
        var failed = conditions.FirstOrDefault(c => c.Status == "True" && c.Type is "Failed" or "FailureTarget");
        if (failed is not null)
        {
            var podReason = pods.Select(DerivePod).FirstOrDefault(p => p.Status == JobState.Failed && p.Reason.Length > 0)?.Reason;
            var reason = failed.Reason ?? string.Empty;
            return new JobState(JobState.Failed, podReason is null ? reason : reason.Length == 0 ? podReason : $"{reason}: {podReason}");
        }

        if (conditions.Any(c => c.Status == "True" && c.Type is "Complete" or "SuccessCriteriaMet"))
        {
            return new JobState(JobState.Succeeded, string.Empty);
        }

        if (conditions.Any(c => c.Status == "True" && c.Type == "Suspended") || job.Spec?.Suspend == true)
        {
            // A suspended Job of a Kueue queue waits for admission (or was evicted and requeued): Kueue unsuspends it.
            return KueueLookup.QueueOf(job) is { } queue ? Queued(queue, kueue?.Workload) : new JobState(JobState.Suspended, string.Empty);
        }

        if (kueue?.Workload is { IsAdmitted: true, IsFinished: false } admitted && (status.Active ?? 0) == 0 && status.StartTime is null && pods.Count == 0)
        {
            return new JobState(JobState.Admitted, $"by ClusterQueue {admitted.ClusterQueue}");
        }

        if ((status.Active ?? 0) > 0)
        {
            return FromActive(status, pods);
        }

        // No pod is active: the job waits for its first pod, or for a retry after a failed one.
        var newest = pods.Count > 0 ? DerivePod(pods[0]) : null;
        if (newest is not null)
        {
            // A failed pod of a job without a Failed condition is retried while the backoff limit allows it.
            return newest.Status == JobState.Failed && (status.Failed ?? 0) <= (job.Spec?.BackoffLimit ?? 6)
                ? new JobState(JobState.Pending, $"retrying after {newest.Reason}")
                : newest;
        }

        return (status.Failed ?? 0) > 0
            ? new JobState(JobState.Pending, "retrying")
            : new JobState(JobState.Pending, status.StartTime is null ? "not started" : string.Empty);
    }

    /// <summary>
    /// An array's state says how far it is instead of one pod's story: a failed array names its failed tasks, a
    /// running one its progress, with the newest pod's reason when it waits.
    /// </summary>
    private static JobState ForArray(JobState state, ArrayStatus array, SlimJob job, bool allFailedTasks)
    {
        var failedTasks = array.Failed.Count > 0 ? $"task(s) {array.FailedTaskIds(full: allFailedTasks)} failed, " : string.Empty;
        switch (state.Status)
        {
            case JobState.Failed:
                var condition = job.Status?.Conditions?.FirstOrDefault(c => c.Status == "True" && c.Type is "Failed" or "FailureTarget")?.Reason;
                var reason = condition is { Length: > 0 } ? condition + ": " : string.Empty;
                return new JobState(JobState.Failed, $"{reason}{failedTasks}{array.Succeeded.Count}/{array.Count} succeeded");
            case JobState.Succeeded:
                return new JobState(JobState.Succeeded, array.Progress);
            case JobState.Pending or JobState.Running when state.Reason.Length > 0 && !state.Reason.StartsWith("retrying", StringComparison.Ordinal):
                return new JobState(state.Status, $"{array.Progress}; {state.Reason}");
            case JobState.Pending or JobState.Running:
                return new JobState(state.Status, array.Progress);
            default:
                return array.Succeeded.Count + array.Failed.Count == 0 ? state
                    : new JobState(state.Status, state.Reason.Length == 0 ? array.Progress : $"{state.Reason}; {array.Progress}");
        }
    }

    /// <summary>Kueue's reason in one line: the eviction that sent it back (if any), then why it waits.</summary>
    private static JobState Queued(string queue, Jobman.Kubernetes.Kueue.KueueWorkload? workload)
    {
        if (workload is { IsAdmitted: true })
        {
            return new JobState(JobState.Admitted, $"by ClusterQueue {workload.ClusterQueue}, starting");
        }

        var waiting = workload?.WaitingReason ?? $"in LocalQueue {queue}";
        return new JobState(JobState.Queued, workload?.Eviction is { } eviction ? $"evicted: {eviction}; {waiting}" : waiting);
    }

    /// <summary>
    /// A job with active pods: running when one is ready (the controller's count), pending when none is; the newest
    /// active pod says why it is not running yet, or that it runs without being ready. Clusters older than 1.24 do
    /// not count ready pods: there the pod decides, and a pod that cannot be seen counts as running.
    /// </summary>
    private static JobState FromActive(SlimJobStatus status, IReadOnlyList<SlimPod> pods)
    {
        var activePod = pods.FirstOrDefault(p => p.Status?.Phase is "Pending" or "Running" && p.Metadata?.DeletionTimestamp is null);
        var explained = activePod is null ? null : DerivePod(activePod);
        if (status.Ready is > 0)
        {
            return new JobState(JobState.Running, explained is { Status: JobState.Running } ? explained.Reason : string.Empty);
        }

        if (explained is not null)
        {
            return explained;
        }

        return status.Ready is null ? new JobState(JobState.Running, string.Empty) : new JobState(JobState.Pending, string.Empty);
    }

    private static string FailureReason(SlimPod pod, SlimContainerStatus? main)
    {
        var terminated = main?.State?.Terminated ?? main?.LastState?.Terminated;
        if (terminated is not null)
        {
            if (terminated.Reason == "OOMKilled")
            {
                return "OOMKilled";
            }

            if (terminated.ExitCode != 0)
            {
                return $"exit code {terminated.ExitCode}";
            }
        }

        return pod.Status?.Reason ?? terminated?.Reason ?? string.Empty;
    }
}
