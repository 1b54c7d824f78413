using k8s.Models;

namespace Jobman.Plugins.KubernetesJobs.Status;

/// <summary>
/// Derives a job's status: from the job's conditions first (they are final), then from all its pods, newest first,
/// with the reason a user needs (Unschedulable, ImagePullBackOff, OOMKilled, exit code). Never throws: a job with
/// data it cannot interpret is <c>Unknown</c>, so one odd job never breaks a list.
/// </summary>
internal static class JobStatusDeriver
{
    public static JobState Derive(V1Job job, IReadOnlyList<V1Pod> pods)
    {
        try
        {
            return DeriveOrThrow(job, pods);
        }
        catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or ArgumentException or FormatException)
        {
            return new JobState(JobState.Unknown, string.Empty);
        }
    }

    /// <summary>The job's pods, newest first: owned by the job's uid, or labelled with its name when ownership is absent.</summary>
    public static List<V1Pod> PodsOf(V1Job job, IEnumerable<V1Pod> pods)
    {
        var uid = job.Metadata?.Uid;
        var name = job.Metadata?.Name;
        return pods.Where(p =>
            {
                var owner = p.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true) ?? p.Metadata?.OwnerReferences?.FirstOrDefault();
                if (owner is not null && uid is not null)
                {
                    return owner.Uid == uid;
                }

                return name is not null && JobNameOf(p) == name;
            })
            .OrderByDescending(p => p.Metadata?.CreationTimestamp ?? DateTime.MinValue)
            .ThenByDescending(p => p.Metadata?.Name, StringComparer.Ordinal)
            .ToList();
    }

    public static string? JobNameOf(V1Pod pod) =>
        pod.Metadata?.Labels is { } labels
            ? (labels.TryGetValue(JobLabels.JobName, out var n) ? n : labels.TryGetValue(JobLabels.LegacyJobName, out var l) ? l : null)
            : null;

    /// <summary>True once the job has a final condition (Complete or Failed): only then is its result known.</summary>
    public static bool HasEnded(V1Job job) =>
        job.Status?.Conditions?.Any(c => c.Status == "True" && c.Type is "Complete" or "Failed") == true;

    /// <summary>The state of one pod with its reason.</summary>
    public static JobState DerivePod(V1Pod pod)
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

    /// <summary>The first container's status (jobman jobs have exactly one, named <c>main</c>).</summary>
    public static V1ContainerStatus? MainContainerStatus(V1Pod pod) =>
        pod.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == "main") ?? pod.Status?.ContainerStatuses?.FirstOrDefault();

    private static JobState DeriveOrThrow(V1Job job, IReadOnlyList<V1Pod> pods)
    {
        var status = job.Status;
        if (status is null)
        {
            return new JobState(JobState.Unknown, string.Empty);
        }

        var newestPod = pods.Count > 0 ? DerivePod(pods[0]) : null;
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
            return new JobState(JobState.Suspended, string.Empty);
        }

        if (newestPod is not null)
        {
            // A failed pod of a job without a Failed condition is retried while the backoff limit allows it.
            return newestPod.Status == JobState.Failed && (status.Failed ?? 0) <= (job.Spec?.BackoffLimit ?? 6)
                ? new JobState(JobState.Pending, $"retrying after {newestPod.Reason}")
                : newestPod;
        }

        // Without pods or a final condition the counters only say whether a pod is expected: the job has not ended.
        return (status.Active ?? 0, status.Failed ?? 0) switch
        {
            ( > 0, _) => new JobState(JobState.Pending, string.Empty),
            (_, > 0) => new JobState(JobState.Pending, "retrying"),
            _ => new JobState(JobState.Pending, status.StartTime is null ? "not started" : string.Empty),
        };
    }

    private static string FailureReason(V1Pod pod, V1ContainerStatus? main)
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
