using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>Collection reads: list (paging, selectors, server-side tables) and watch streams.</summary>
internal sealed class CollectionEndpoints(ClusterStore store, FaultInjector faults, OpenStreams streams, CancellationToken stopping)
{
    public async Task ListAsync(HttpContext ctx, ResourceType type, string? ns)
    {
        var (items, metadata) = List(ctx.Request.Query, type, ns);
        await ResourceEndpoints.WriteJsonAsync(ctx, 200, TableConverter.IsRequested(ctx.Request.Headers.Accept)
            ? TableConverter.Convert(type, items, metadata, DateTimeOffset.UtcNow, ctx.Request.Query["includeObject"])
            : new JsonObject
            {
                ["kind"] = type.ListKind,
                ["apiVersion"] = type.ApiVersion,
                ["metadata"] = metadata,
                ["items"] = new JsonArray(items.Select(i => (JsonNode)ObjectViews.Present(type, i, withTypeMeta: false)).ToArray()),
            });
    }

    public async Task WatchAsync(HttpContext ctx, ResourceType type, string? ns)
    {
        var asTable = TableConverter.IsRequested(ctx.Request.Headers.Accept);
        var firstTable = true;
        var query = ctx.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(type, query["fieldSelector"]);
        long? from = long.TryParse(query["resourceVersion"], out var rv) ? rv : null;

        // Streaming lists (client-go WatchList): the current state first, then a bookmark marking its end.
        var sendInitialEvents = QueryFlags.IsTrue(query["sendInitialEvents"]);
        var (initial, oldest, current, subscription) = store.Subscribe(type.Storage, ns, sendInitialEvents ? null : from);
        using var _ = subscription;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
        if (int.TryParse(query["timeoutSeconds"], out var timeout) && timeout > 0)
        {
            cts.CancelAfter(TimeSpan.FromSeconds(timeout));
        }

        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.StartAsync(cts.Token);

        // Like apiserver's watch handler: flush the headers now, a client waits for them before it acts.
        await ctx.Response.Body.FlushAsync(cts.Token);
        using var lease = streams.Open();
        try
        {
            if (initial is null)
            {
                var expired = StatusFactory.Failure(410, "Expired", $"too old resource version: {from} ({oldest})");
                await WriteEventAsync(ctx, "ERROR", expired.ToJsonString(KubeObjects.Wire), cts.Token);
                return;
            }

            foreach (var evt in initial.Where(Matches))
            {
                await WriteEventAsync(ctx, evt.EventType, Render(evt), cts.Token);
            }

            if (sendInitialEvents)
            {
                var bookmark = new JsonObject
                {
                    ["kind"] = type.Kind,
                    ["apiVersion"] = type.ApiVersion,
                    ["metadata"] = new JsonObject
                    {
                        ["resourceVersion"] = current.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" },
                    },
                };
                await WriteEventAsync(ctx, "BOOKMARK", bookmark.ToJsonString(KubeObjects.Wire), cts.Token);
            }

            await foreach (var evt in subscription.Channel.Reader.ReadAllAsync(cts.Token))
            {
                if (Matches(evt))
                {
                    await WriteEventAsync(ctx, evt.EventType, Render(evt), cts.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // timeoutSeconds elapsed, the client went away or the server stops: the stream simply ends.
        }

        // `kubectl get -w` watches with Accept as=Table: every object becomes a one-row Table; only the first event
        // carries the column definitions (kubectl prints the header once).
        string Render(WatchEvent e)
        {
            if (!asTable && type == type.Storage)
            {
                return e.ObjectJson;
            }

            var obj = JsonNode.Parse(e.ObjectJson)!.AsObject();
            if (!asTable)
            {
                return ObjectViews.Present(type, obj, withTypeMeta: true).ToJsonString(KubeObjects.Wire);
            }

            var table = TableConverter.Convert(type, [obj], new JsonObject { ["resourceVersion"] = obj["metadata"]?["resourceVersion"]?.DeepClone() }, DateTimeOffset.UtcNow, query["includeObject"]);
            if (!firstTable)
            {
                table.Remove("columnDefinitions");
            }

            firstTable = false;
            return table.ToJsonString(KubeObjects.Wire);
        }

        bool Matches(WatchEvent e)
        {
            var obj = JsonNode.Parse(e.ObjectJson)!.AsObject();
            return labels.Matches(obj["metadata"]?["labels"] as JsonObject) && fields.Matches(obj);
        }
    }

    /// <summary>One event per line, as apiserver's JSON watch encoder writes them.</summary>
    private static async Task WriteEventAsync(HttpContext ctx, string type, string objectJson, CancellationToken ct)
    {
        var line = "{\"type\":\"" + type + "\",\"object\":" + objectJson + "}\n";
        await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), ct);
        await ctx.Response.Body.FlushAsync(ct);
    }

    /// <summary>One page of stored objects (as stored, not yet presented) and the list metadata.</summary>
    private (List<JsonObject> Items, JsonObject Metadata) List(IQueryCollection query, ResourceType type, string? ns)
    {
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(type, query["fieldSelector"]);
        var limit = int.TryParse(query["limit"], out var l) && l > 0 ? l : 0;
        string? start = null;
        long? tokenVersion = null;
        if (query["continue"].ToString() is { Length: > 0 } token)
        {
            (var rv, start) = ContinueToken.Decode(token);
            tokenVersion = rv;
            if (faults.ExpireContinueTokens)
            {
                throw StatusFactory.ExpiredContinue(ContinueToken.Encode(-1, start.TrimEnd('\0')));
            }
        }

        lock (store.Gate)
        {
            var listVersion = tokenVersion ?? store.CurrentResourceVersion;
            var matching = store.LiveEntries(type.Storage, ns)
                .Select(kv => (Key: ns is null ? kv.Key : kv.Key[(ns.Length + 1)..], Item: kv.Value))
                .Where(e => start is null || string.CompareOrdinal(e.Key, start) >= 0)
                .Where(e => labels.Matches(e.Item["metadata"]?["labels"] as JsonObject) && fields.Matches(e.Item))
                .ToList();
            var page = limit > 0 ? matching.Take(limit).ToList() : matching;
            var metadata = new JsonObject { ["resourceVersion"] = listVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (page.Count < matching.Count)
            {
                metadata["continue"] = ContinueToken.Encode(listVersion, page[^1].Key);
                if (string.IsNullOrEmpty(query["labelSelector"]) && string.IsNullOrEmpty(query["fieldSelector"]))
                {
                    metadata["remainingItemCount"] = matching.Count - page.Count;
                }
            }

            return (page.Select(e => (JsonObject)e.Item.DeepClone()).ToList(), metadata);
        }
    }
}
