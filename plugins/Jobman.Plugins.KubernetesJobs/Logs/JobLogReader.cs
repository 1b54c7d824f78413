using Jobman.Core;
using Jobman.Core.Output;
using Jobman.Plugins.KubernetesJobs.Cluster;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;
using Jobman.Plugins.KubernetesJobs.History;
using Jobman.Plugins.KubernetesJobs.Status;

namespace Jobman.Plugins.KubernetesJobs.Logs;

/// <summary>
/// Finds a job's pods and prints their logs: the newest pod, or all of them with a <c>[pod] </c> prefix. Messages go
/// to stderr so stdout carries nothing but the log. With follow it waits for a pod to exist and to start.
/// </summary>
internal sealed class JobLogReader(JobsApi api, JobTimings timings, IOutput output, JobJournalHook? journal = null)
{
    /// <returns>The exit code: 1 when the pod has not started and follow was not asked.</returns>
    /// <remarks>With <c>keepCopy</c> the newest pod's log is also kept locally (settings <c>history.keepLogs</c>).</remarks>
    public async Task<int> RunAsync(Jobman.Kubernetes.Names.JobName jobName, LogRequest request, bool allPods, CancellationToken cancellationToken, bool keepCopy = false)
    {
        var job = await api.GetJobAsync(jobName, cancellationToken).ConfigureAwait(false);
        var pods = await PodsAsync(job, jobName, request.Follow, cancellationToken).ConfigureAwait(false);
        if (pods.Count == 0)
        {
            return ExitCodes.Failed;
        }

        journal?.Seen(api, job, pods, JobStatusDeriver.Derive(job, pods), JobSummary.FlavorOf(job, null));
        var selected = allPods ? pods.AsEnumerable().Reverse().ToList() : [pods[0]];
        using var target = ByteExactLogTarget.For(output.Out);
        var streamer = new PodLogStreamer(api, timings, target.Decoding);
        foreach (var pod in selected)
        {
            var name = pod.Metadata?.Name ?? string.Empty;
            if (!request.Previous && !await WaitForStartAsync(name, request.Follow, cancellationToken).ConfigureAwait(false))
            {
                if (allPods)
                {
                    continue;
                }

                return ExitCodes.Failed;
            }

            using var copy = keepCopy && !allPods ? journal?.StartLogCopy(api, job, pods, name) : null;
            var writer = copy is null ? target.Writer : new TeeLogWriter(target.Writer, copy, target.Decoding);
            await streamer.StreamAsync(name, request with { Prefix = allPods ? $"[{name}] " : string.Empty }, writer, cancellationToken).ConfigureAwait(false);
            // Following ends with the container; without following, only an ended job's log is the whole log.
            if (request.Follow || JobStatusDeriver.HasEnded(job))
            {
                copy?.MarkWhole();
            }
        }

        return ExitCodes.Success;
    }

    private async Task<List<SlimPod>> PodsAsync(SlimJob job, Jobman.Kubernetes.Names.JobName name, bool follow, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var pods = JobStatusDeriver.PodsOf(job, await api.ListPodsOfJobAsync(name, cancellationToken).ConfigureAwait(false));
            if (pods.Count > 0)
            {
                return pods;
            }

            var state = JobStatusDeriver.Derive(job, pods);
            var ended = JobStatusDeriver.HasEnded(job);
            if (!follow || ended)
            {
                output.Info($"job '{name}' has no pods{(ended ? string.Empty : " yet")} (status: {state.Status})");
                return pods;
            }

            if (attempt == 0)
            {
                output.Info($"job '{name}' has no pods yet; waiting for one");
            }

            await Task.Delay(timings.Backoff(attempt), cancellationToken).ConfigureAwait(false);
            job = await api.FindJobAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw new JobmanException($"job '{name}' was deleted from namespace '{api.Namespace}' while waiting for its pod");
        }
    }

    /// <summary>True once the pod's container has started (or ended); prints why it is waiting when it is.</summary>
    private async Task<bool> WaitForStartAsync(string podName, bool follow, CancellationToken cancellationToken)
    {
        string? printed = null;
        for (var attempt = 0; ; attempt++)
        {
            var pod = await api.FindPodAsync(podName, cancellationToken).ConfigureAwait(false);
            if (pod is null)
            {
                output.Info($"pod {podName} no longer exists");
                return false;
            }

            var container = JobStatusDeriver.MainContainerStatus(pod);
            if (container?.State?.Running is not null || container?.State?.Terminated is not null || pod.Status?.Phase is "Running" or "Succeeded" or "Failed")
            {
                return true;
            }

            var reason = JobStatusDeriver.DerivePod(pod).Reason is { Length: > 0 } r ? r : "Pending";
            if (reason != printed)
            {
                output.Info($"pod {podName} is waiting to start: {reason}");
                printed = reason;
            }

            if (!follow)
            {
                return false;
            }

            await Task.Delay(timings.Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }
}
