using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// <c>GET pods/{name}/log</c>: the apiserver checks (container choice, waiting containers) and the kubelet's
/// streaming (tailLines, sinceSeconds/sinceTime, timestamps, limitBytes, follow until the container ends).
/// </summary>
internal sealed class PodLogWriter(ClusterStore store, Kubelet kubelet, OpenStreams streams, CancellationToken stopping)
{
    public async Task WriteAsync(HttpContext ctx, string ns, string podName, DropLogStreamFault? drop)
    {
        ContainerLog log;
        lock (store.Gate)
        {
            var pod = store.Live(ResourceType.Pods, ns, podName) ?? throw StatusFactory.NotFound(ResourceType.Pods, podName);
            log = Resolve(pod, podName, ctx.Request.Query["container"].ToString(), IsTrue(ctx.Request.Query["previous"]));
        }

        await StreamAsync(ctx, log, IsTrue(ctx.Request.Query["follow"]), drop);
    }

    /// <summary>Which container run's log to serve, in the kubelet's order (previous, current, last terminated, waiting).</summary>
    private ContainerLog Resolve(JsonObject pod, string podName, string container, bool previous)
    {
        var names = PodStatuses.ContainerNames(pod);
        if (container.Length == 0)
        {
            container = names.Count == 1
                ? names[0]
                : throw StatusFactory.BadRequest($"a container name must be specified for pod {podName}, choose one of: [{string.Join(' ', names)}]");
        }

        if (!names.Contains(container))
        {
            throw StatusFactory.BadRequest($"container {container} is not valid for pod {podName}");
        }

        var uid = KubeObjects.Uid(pod)!;
        if (previous)
        {
            return kubelet.Log(uid, container, previous: true)
                ?? throw StatusFactory.BadRequest($"previous terminated container \"{container}\" in pod \"{podName}\" not found");
        }

        var current = kubelet.Log(uid, container);
        if (pod["spec"]?["nodeName"] is null && current is null)
        {
            // apiserver answers an unscheduled pod's log with an empty body.
            return ContainerLog.Finished(string.Empty);
        }

        var status = (pod["status"]?["containerStatuses"] as JsonArray ?? []).FirstOrDefault(c => KubeObjects.Str(c?["name"]) == container);
        var state = status?["state"];
        if (state?["running"] is not null || state?["terminated"] is not null || (status is null && current is not null))
        {
            return current ?? ContainerLog.Finished(string.Empty);
        }

        if (status?["lastState"]?["terminated"] is not null)
        {
            // Restarting (CrashLoopBackOff): the kubelet serves the last terminated run.
            return kubelet.Log(uid, container, previous: true) ?? ContainerLog.Finished(string.Empty);
        }

        var reason = KubeObjects.Str(state?["waiting"]?["reason"]) ?? "ContainerCreating";
        var text = reason is "ImagePullBackOff" or "ErrImagePull" ? "trying and failing to pull image" : reason;
        throw StatusFactory.BadRequest($"container \"{container}\" in pod \"{podName}\" is waiting to start: {text}");
    }

    private async Task StreamAsync(HttpContext ctx, ContainerLog log, bool follow, DropLogStreamFault? drop)
    {
        var query = ctx.Request.Query;
        var timestamps = IsTrue(query["timestamps"]);
        int? tail = int.TryParse(query["tailLines"], out var t) && t >= 0 ? t : null;
        long? limitBytes = long.TryParse(query["limitBytes"], out var lb) && lb > 0 ? lb : null;
        DateTimeOffset? since = null;
        if (long.TryParse(query["sinceSeconds"], out var sinceSeconds) && sinceSeconds > 0)
        {
            since = DateTimeOffset.UtcNow.AddSeconds(-sinceSeconds);
        }
        else if (query["sinceTime"].ToString() is { Length: > 0 } sinceTime)
        {
            since = DateTimeOffset.TryParse(sinceTime, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : throw StatusFactory.BadRequest($"parsing time \"{sinceTime}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"{sinceTime}\" as \"2006\"");
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
        var ct = cts.Token;
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "text/plain";
        if (follow)
        {
            await ctx.Response.StartAsync(ct);
            await ctx.Response.Body.FlushAsync(ct);
        }

        using var lease = follow ? streams.Open() : (IDisposable?)null;

        var index = 0;
        long written = 0;
        var first = true;
        try
        {
            while (true)
            {
                var (lines, ended, changed) = log.Read(index);
                index += lines.Count;
                IEnumerable<ContainerLog.LogLine> selected = lines.Where(l => since is null || l.Time >= since);
                if (first && tail is not null)
                {
                    selected = selected.TakeLast(tail.Value);
                }

                first = false;
                foreach (var line in selected)
                {
                    var bytes = timestamps
                        ? [.. Encoding.UTF8.GetBytes(KubeObjects.TimeNano(line.Time) + " "), .. line.Data]
                        : line.Data;
                    if (limitBytes is not null && written + bytes.Length > limitBytes)
                    {
                        bytes = bytes[..(int)(limitBytes.Value - written)];
                    }

                    if (drop is not null && written + bytes.Length >= drop.AfterBytes)
                    {
                        await ctx.Response.Body.WriteAsync(bytes.AsMemory(0, (int)(drop.AfterBytes - written)), ct);
                        await ctx.Response.Body.FlushAsync(ct);

                        // An HTTP/2 reset discards data the client has not read yet; give a reading client a moment.
                        await Task.Delay(200, ct);
                        ctx.Abort();
                        return;
                    }

                    await ctx.Response.Body.WriteAsync(bytes, ct);
                    written += bytes.Length;
                    if (limitBytes is not null && written >= limitBytes)
                    {
                        return;
                    }
                }

                if (follow)
                {
                    await ctx.Response.Body.FlushAsync(ct);
                }

                if (!follow || ended)
                {
                    return;
                }

                await changed.WaitAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The follower went away (or the server stops): nothing more to send.
        }
    }

    private static bool IsTrue(string? value) => QueryFlags.IsTrue(value);
}
