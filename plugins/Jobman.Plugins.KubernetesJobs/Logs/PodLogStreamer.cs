using System.Globalization;
using System.Net;
using System.Text;
using Jobman.Core;
using Jobman.Plugins.KubernetesJobs.Cluster;
using Jobman.Plugins.KubernetesJobs.Status;

namespace Jobman.Plugins.KubernetesJobs.Logs;

/// <summary>
/// Copies a pod's log to a writer line by line (memory bounded by the longest line). Timestamps are always requested
/// so that, when a followed stream drops, the follower reconnects with <c>sinceTime</c> and skips what it already
/// printed; they are stripped unless the user asked for them.
/// </summary>
internal sealed class PodLogStreamer(JobsApi api, JobTimings timings)
{
    private const int MaxReconnectsWithoutProgress = 8;

    public async Task StreamAsync(string pod, LogRequest request, TextWriter target, CancellationToken cancellationToken)
    {
        var position = new ResumePoint();
        string? previousPartial = null;
        var failures = 0;
        for (var connection = 0; ; connection++)
        {
            if (connection > 0)
            {
                position.Reconnected();
            }

            var printedBefore = position.Printed;
            var (clean, partial) = await CopyOnceAsync(pod, request, connection == 0, position, target, cancellationToken).ConfigureAwait(false);
            failures = position.Printed > printedBefore ? 0 : failures + (clean ? 0 : 1);
            if (failures > MaxReconnectsWithoutProgress)
            {
                throw new JobmanException($"the log stream of pod '{pod}' keeps breaking; try again later");
            }

            if (clean && partial is not null)
            {
                // A last line without newline: print it only once a second connection ends the same way, because a
                // dropped connection can also cut a line in two.
                if (partial == previousPartial)
                {
                    Emit(partial, request, position, target);
                    await target.FlushAsync(cancellationToken).ConfigureAwait(false);
                    partial = null;
                }
                else
                {
                    previousPartial = partial;
                    continue;
                }
            }

            if (clean && (!request.Follow || request.Previous || await HasEndedAsync(pod, cancellationToken).ConfigureAwait(false)))
            {
                return;
            }

            // The stream dropped, or ended while the container still runs: resume after a short backoff.
            await Task.Delay(timings.Backoff(failures), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when the pod is gone or its main container has terminated.</summary>
    public async Task<bool> HasEndedAsync(string pod, CancellationToken cancellationToken)
    {
        var current = await api.FindPodAsync(pod, cancellationToken).ConfigureAwait(false);
        if (current is null || current.Status?.Phase is "Succeeded" or "Failed")
        {
            return true;
        }

        return JobStatusDeriver.MainContainerStatus(current)?.State?.Terminated is not null;
    }

    private async Task<(bool Clean, string? Partial)> CopyOnceAsync(string pod, LogRequest request, bool first, ResumePoint position, TextWriter target, CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>> { new("timestamps", "true") };
        if (request.Container is not null)
        {
            query.Add(new("container", request.Container));
        }

        if (request.Follow && !request.Previous)
        {
            query.Add(new("follow", "true"));
        }

        if (request.Previous)
        {
            query.Add(new("previous", "true"));
        }

        if (first || position.Last is null)
        {
            if (request.TailLines is { } tail)
            {
                query.Add(new("tailLines", tail.ToString(CultureInfo.InvariantCulture)));
            }

            if (request.SinceSeconds is { } since)
            {
                query.Add(new("sinceSeconds", since.ToString(CultureInfo.InvariantCulture)));
            }
        }
        else
        {
            query.Add(new("sinceTime", position.Last.Value.ToSinceTime()));
        }

        HttpResponseMessage response;
        try
        {
            response = await api.OpenPodLogAsync(pod, query, cancellationToken).ConfigureAwait(false);
        }
        catch (JobmanException ex) when (JobsApi.IsStatus(ex, HttpStatusCode.BadRequest) && ex.InnerException is not null)
        {
            throw new JobmanException(WaitingMessage(pod, ex), ExitCodes.Failed, ex);
        }

        using (response)
        {
            var line = new StringBuilder();
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                var buffer = new char[8192];
                int read;
                while ((read = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    var start = 0;
                    for (var i = 0; i < read; i++)
                    {
                        if (buffer[i] == '\n')
                        {
                            line.Append(buffer, start, i - start);
                            Emit(line.ToString().TrimEnd('\r'), request, position, target);
                            line.Clear();
                            start = i + 1;
                        }
                    }

                    line.Append(buffer, start, read - start);
                    await target.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                return (false, null);
            }

            return (true, line.Length > 0 ? line.ToString() : null);
        }
    }

    private static string WaitingMessage(string pod, JobmanException ex)
    {
        var message = Jobman.Kubernetes.KubernetesErrors.StatusOf(ex.InnerException!)?.Message ?? ex.Message;
        var marker = message.IndexOf("is waiting to start", StringComparison.Ordinal);
        return marker >= 0 ? $"pod {pod} {message[marker..]}" : $"cannot read the log of pod '{pod}': {message}";
    }

    private static void Emit(string raw, LogRequest request, ResumePoint position, TextWriter target)
    {
        if (!LogTimestamp.TrySplit(raw, out var stamp, out var text))
        {
            target.WriteLine(request.Prefix + raw);
            position.Printed++;
            return;
        }

        if (position.Accept(stamp))
        {
            target.WriteLine(request.Prefix + (request.Timestamps ? raw : text));
        }
    }
}
