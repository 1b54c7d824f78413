using Jobman.Core;
using Jobman.Core.Output;
using Jobman.Plugins.KubernetesJobs.Arrays;
using Jobman.Plugins.KubernetesJobs.Cluster;
using Jobman.Plugins.KubernetesJobs.Status;

namespace Jobman.Plugins.KubernetesJobs.Logs;

/// <summary>
/// <c>logs -f</c> on an array: follows every task that runs now or starts later, all at once, each line prefixed with
/// its task id, until the job ends. Tasks that had already finished are left out (<c>logs</c> without <c>-f</c>
/// prints them). One pods list per poll, whatever the number of tasks.
/// </summary>
internal sealed class ArrayLogFollower(JobsApi api, JobTimings timings, IOutput output)
{
    public async Task<int> FollowAsync(Jobman.Kubernetes.Names.JobName name, ArrayStatus array, LogRequest request, CancellationToken cancellationToken)
    {
        using var target = ByteExactLogTarget.For(output.Out);
        var gate = new object();
        var streamer = new PodLogStreamer(api, timings, target.Decoding);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var streams = new List<Task>();
        for (var poll = 0; ; poll++)
        {
            var job = await api.FindJobAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw new JobmanException($"job '{name}' was deleted from namespace '{api.Namespace}' while its logs were followed");
            var pods = JobStatusDeriver.PodsOf(job, await api.ListPodsOfJobAsync(name, cancellationToken).ConfigureAwait(false));
            foreach (var pod in pods.AsEnumerable().Reverse())
            {
                var podName = pod.Metadata?.Name;
                if (podName is null || seen.Contains(podName) || array.TaskIdOf(pod) is not { } taskId)
                {
                    continue;
                }

                if (poll == 0 && JobStatusDeriver.HasFinished(pod))
                {
                    seen.Add(podName);
                    continue;
                }

                if (JobStatusDeriver.HasStarted(pod))
                {
                    seen.Add(podName);
                    var writer = new InterleavedLineWriter(target.Writer, gate);
                    streams.Add(streamer.StreamAsync(podName, request with { Prefix = $"[{taskId}] " }, writer, cancellationToken));
                }
            }

            if (JobStatusDeriver.HasEnded(job))
            {
                await Task.WhenAll(streams).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (poll == 0 && streams.Count == 0)
            {
                output.Info($"no task of job '{name}' runs yet; waiting for one");
            }

            // Streams end by themselves; a finished one only needs dropping when it failed, which WhenAll reports.
            if (streams.FirstOrDefault(t => t.IsFaulted) is { } failed)
            {
                await failed.ConfigureAwait(false);
            }

            await Task.Delay(timings.Backoff(poll), cancellationToken).ConfigureAwait(false);
        }
    }
}
