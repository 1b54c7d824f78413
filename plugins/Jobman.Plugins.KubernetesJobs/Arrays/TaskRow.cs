using System.Globalization;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;
using Jobman.Plugins.KubernetesJobs.Status;

namespace Jobman.Plugins.KubernetesJobs.Arrays;

/// <summary>One task of an array as <c>details</c> shows it: from the job's index lists and the task's newest pod.</summary>
internal sealed record TaskRow(int Index, int TaskId, string Status, string Reason, string ExitCode, int Attempts, string Pod)
{
    /// <summary>One row per completion index, from one list of the job's pods (no request per task).</summary>
    public static List<TaskRow> Build(SlimJob job, ArrayStatus array, IReadOnlyList<SlimPod> pods)
    {
        var byIndex = array.PodsByIndex(pods);
        var ended = JobStatusDeriver.HasEnded(job);
        var suspended = job.Spec?.Suspend == true;
        var rows = new List<TaskRow>(array.Count);
        for (var index = 0; index < array.Count; index++)
        {
            // Pods arrive newest first.
            var attempts = byIndex.GetValueOrDefault(index) ?? [];
            var newest = attempts.FirstOrDefault();
            var podState = newest is null ? null : JobStatusDeriver.DerivePod(newest);
            var (status, reason) = array.Succeeded.Contains(index) ? (JobState.Succeeded, string.Empty)
                : array.Failed.Contains(index) ? (JobState.Failed, podState?.Reason is { Length: > 0 } r ? r : "retries used up")
                : podState is null ? (ended ? "NotRun" : suspended ? JobState.Suspended : JobState.Pending, string.Empty)
                : podState.Status == JobState.Failed && !ended ? ("Retrying", $"after {podState.Reason}")
                : (podState.Status, podState.Reason);
            rows.Add(new TaskRow(index, array.TaskIds[index], status, reason, ExitCodeOf(newest), attempts.Count, newest?.Metadata?.Name ?? "-"));
        }

        return rows;
    }

    private static string ExitCodeOf(SlimPod? pod) =>
        pod is not null && JobStatusDeriver.MainContainerStatus(pod)?.State?.Terminated is { } terminated
            ? terminated.ExitCode.ToString(CultureInfo.InvariantCulture)
            : "-";
}
