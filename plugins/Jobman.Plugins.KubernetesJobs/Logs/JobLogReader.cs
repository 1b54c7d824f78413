using Jobman.Core;
using Jobman.Core.Output;
using Jobman.Plugins.KubernetesJobs.Arrays;
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
    /// <remarks>With <c>keepCopy</c> the newest pod's log is also kept locally (settings <c>history.keepLogs</c>). For arrays, <c>taskId</c> picks one task's pods; without it every task is printed, each line prefixed with its task id.</remarks>
    public async Task<int> RunAsync(Jobman.Kubernetes.Names.JobName jobName, LogRequest request, bool allPods, CancellationToken cancellationToken, bool keepCopy = false, int? taskId = null)
    {
        var job = await api.GetJobAsync(jobName, cancellationToken).ConfigureAwait(false);
        var array = ArrayStatus.Of(job);
        int? index = null;
        if (taskId is { } id)
        {
            index = array is null
                ? throw JobmanException.Usage($"--index is for job arrays; job '{jobName}' is not one")
                : array.IndexOfTask(id) ?? throw JobmanException.Usage($"job '{jobName}' has no task {id} (its tasks: {ArraySpec.Compact(array.TaskIds)})");
        }
        else if (array is not null)
        {
            return request.Follow
                ? await new ArrayLogFollower(api, timings, output).FollowAsync(jobName, array, request, cancellationToken).ConfigureAwait(false)
                : await PrintTasksAsync(job, jobName, array, request, allPods, cancellationToken).ConfigureAwait(false);
        }

        var pods = await PodsAsync(job, jobName, request.Follow, cancellationToken, index).ConfigureAwait(false);
        if (pods.Count == 0)
        {
            return ExitCodes.Failed;
        }

        keepCopy = keepCopy && array is null;

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

    /// <summary>Each task's log in task order, every line prefixed with its task id: the newest pod of each, or all of them.</summary>
    private async Task<int> PrintTasksAsync(SlimJob job, Jobman.Kubernetes.Names.JobName name, ArrayStatus array, LogRequest request, bool allPods, CancellationToken cancellationToken)
    {
        var pods = JobStatusDeriver.PodsOf(job, await api.ListPodsOfJobAsync(name, cancellationToken).ConfigureAwait(false));
        var byIndex = array.PodsByIndex(pods);
        using var target = ByteExactLogTarget.For(output.Out);
        var streamer = new PodLogStreamer(api, timings, target.Decoding);
        var printed = 0;
        foreach (var (index, attempts) in byIndex)
        {
            // Pods come newest first.
            var selected = allPods ? attempts.AsEnumerable().Reverse().ToList() : [attempts[0]];
            foreach (var pod in selected)
            {
                var podName = pod.Metadata?.Name ?? string.Empty;
                if (request.Previous || JobStatusDeriver.HasStarted(pod))
                {
                    await streamer.StreamAsync(podName, request with { Prefix = $"[{array.TaskIds[index]}] " }, target.Writer, cancellationToken).ConfigureAwait(false);
                    printed++;
                }
            }
        }

        if (printed == 0)
        {
            output.Info($"job '{name}' has no task that started yet (status: {JobStatusDeriver.Derive(job, pods).Status})");
            return ExitCodes.Failed;
        }

        return ExitCodes.Success;
    }

    private async Task<List<SlimPod>> PodsAsync(SlimJob job, Jobman.Kubernetes.Names.JobName name, bool follow, CancellationToken cancellationToken, int? index = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var pods = JobStatusDeriver.PodsOf(job, await api.ListPodsOfJobAsync(name, cancellationToken).ConfigureAwait(false))
                .Where(p => index is null || ArrayStatus.IndexOf(p) == index)
                .ToList();
            if (pods.Count > 0)
            {
                return pods;
            }

            var state = JobStatusDeriver.Derive(job, pods);
            var ended = JobStatusDeriver.HasEnded(job);
            if (!follow || ended)
            {
                var what = index is null ? $"job '{name}' has no pods" : $"task {ArrayStatus.Of(job)?.TaskIds[index.Value]} of job '{name}' has no pods";
                output.Info($"{what}{(ended ? string.Empty : " yet")} (status: {state.Status})");
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

            if (JobStatusDeriver.HasStarted(pod))
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
