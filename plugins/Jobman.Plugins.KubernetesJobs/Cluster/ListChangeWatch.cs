using System.Net;
using Jobman.Kubernetes;

namespace Jobman.Plugins.KubernetesJobs.Cluster;

/// <summary>
/// Waits, for <c>list --watch</c>, until the API server reports a change to the listed jobs or their pods: one watch
/// per list, from the resourceVersion it was read at, so nothing between the list and the watch is missed and no
/// request is made while nothing changes.
/// </summary>
internal sealed class ListChangeWatch(JobsApi api)
{
    /// <summary>Returns once something changed (or a watch ended, which is as good a reason to list again).</summary>
    /// <returns>False when the user may list but not watch (RBAC): the caller then polls.</returns>
    public async Task<bool> WaitAsync(bool allJobs, string? jobsVersion, string? podsVersion, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var jobs = NextEventAsync(pods: false, allJobs, jobsVersion, stop.Token);
        var pods = NextEventAsync(pods: true, allJobs, podsVersion, stop.Token);
        try
        {
            await await Task.WhenAny(jobs, pods).ConfigureAwait(false);
            return true;
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
        {
            return false;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(jobs, pods).ConfigureAwait(false);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // The watch that did not fire was cancelled here; what the other one did is handled above.
            }
        }
    }

    private async Task NextEventAsync(bool pods, bool allJobs, string? resourceVersion, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await api.OpenWatchAsync(pods, allJobs, resourceVersion, cancellationToken).ConfigureAwait(false);
            await using var events = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);

            // Any byte starts an event: ADDED, MODIFIED, DELETED, or an ERROR such as 410 Gone for a version too old.
            // Each means "list again"; so does the end of the stream (server timeout).
            _ = await events.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested
            && (ex is IOException or HttpRequestException || KubernetesApiException.Is(ex, HttpStatusCode.Gone)))
        {
            // A dropped stream or an expired version: the next list reads the current state.
        }
    }
}
