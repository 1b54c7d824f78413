using Jobman.Core;
using Jobman.Plugins.KubernetesJobs.Cluster;
using Jobman.Plugins.KubernetesJobs.History;
using Jobman.Plugins.KubernetesJobs.Status;

namespace Jobman.Plugins.KubernetesJobs;

/// <summary>
/// Waits for a job to end by polling with backoff (one GET per poll). Transient API errors are retried by
/// <see cref="Jobman.Kubernetes.KubernetesRetry"/>; a persistent one ends the wait with an error, never a hang.
/// </summary>
internal sealed class JobWaiter(JobsApi api, JobTimings timings, JobJournalHook? journal = null)
{
    /// <summary>Returns the final state (Succeeded or Failed with its reason).</summary>
    /// <exception cref="JobmanException">Missing job, job deleted while waiting, or timeout (exit code 1).</exception>
    public async Task<JobState> WaitAsync(Jobman.Kubernetes.Names.JobName name, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        for (var attempt = 0; ; attempt++)
        {
            var job = await api.FindJobAsync(name, cancellationToken).ConfigureAwait(false);
            if (job is null)
            {
                throw attempt == 0
                    ? api.NotFound(name)
                    : new JobmanException($"job '{name}' was deleted from namespace '{api.Namespace}' before it ended");
            }

            if (JobStatusDeriver.HasEnded(job))
            {
                var pods = JobStatusDeriver.PodsOf(job, await api.ListPodsOfJobAsync(name, cancellationToken).ConfigureAwait(false));
                var state = JobStatusDeriver.Derive(job, pods, allFailedTasks: true);
                journal?.Seen(api, job, pods, state, JobSummary.FlavorOf(job, null));
                return state;
            }

            var delay = timings.Backoff(attempt);
            if (timeout is { } limit)
            {
                var left = limit - (DateTimeOffset.UtcNow - started);
                if (left <= TimeSpan.Zero)
                {
                    var pods = await api.ListPodsOfJobAsync(name, cancellationToken).ConfigureAwait(false);
                    var kueue = (await KueueLookup.LoadAsync(api.Kueue, [job], positions: true, cancellationToken).ConfigureAwait(false)).Values.FirstOrDefault();
                    var now = JobStatusDeriver.Derive(job, JobStatusDeriver.PodsOf(job, pods), kueue);
                    var reason = now.Reason.Length > 0 ? $": {now.Reason}" : string.Empty;
                    var position = kueue?.PositionText is { } place ? $"; position {place}" : string.Empty;
                    throw new JobmanException($"timed out after {DurationText.Format(limit)} waiting for job '{name}' (still {now.Status}{reason}{position})");
                }

                delay = delay < left ? delay : left;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The line that reports a final state, and its exit code.</summary>
    public static (string Line, int ExitCode) Describe(string name, JobState state) =>
        state.Status == JobState.Succeeded
            ? ($"job '{name}' succeeded", ExitCodes.Success)
            : ($"job '{name}' failed{(state.Reason.Length > 0 ? $": {state.Reason}" : string.Empty)}", ExitCodes.Failed);
}
