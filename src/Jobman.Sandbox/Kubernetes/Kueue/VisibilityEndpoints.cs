using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>
/// Kueue's on-demand visibility API: a queue's pending workloads in admission order as a
/// <c>PendingWorkloadsSummary</c> (0-based positions in the ClusterQueue and in the LocalQueue), <c>limit</c>
/// (default 1000) and <c>offset</c>.
/// </summary>
internal sealed class VisibilityEndpoints(ClusterStore store, KueueQueues queues)
{
    public const string Group = "visibility.kueue.x-k8s.io";

    public async Task ServeAsync(HttpContext ctx, VisibilityRequest request)
    {
        var limit = Number(ctx.Request.Query["limit"], 1000, "limit");
        var offset = Number(ctx.Request.Query["offset"], 0, "offset");
        JsonArray items;
        lock (store.Gate)
        {
            var clusterQueueName = request.Namespace is null
                ? request.Name
                : store.Live(ResourceType.LocalQueues, request.Namespace, request.Name) is { } localQueue
                    ? KubeObjects.Str(localQueue["spec"]?["clusterQueue"]) ?? string.Empty
                    : throw StatusFactory.NotFound(ResourceType.LocalQueues, request.Name);
            if (request.Namespace is null && store.Live(ResourceType.ClusterQueues, null, request.Name) is null)
            {
                throw StatusFactory.NotFound(ResourceType.ClusterQueues, request.Name);
            }

            var pending = queues.Pending(clusterQueueName);
            var positionsInLocalQueue = new Dictionary<string, int>(StringComparer.Ordinal);
            var rows = new List<JsonObject>();
            for (var i = 0; i < pending.Count; i++)
            {
                var workload = pending[i];
                var localQueueKey = $"{KubeObjects.Namespace(workload)}/{WorkloadState.QueueName(workload)}";
                var inLocalQueue = positionsInLocalQueue.GetValueOrDefault(localQueueKey);
                positionsInLocalQueue[localQueueKey] = inLocalQueue + 1;
                if (request.Namespace is not null && localQueueKey != $"{request.Namespace}/{request.Name}")
                {
                    continue;
                }

                rows.Add(Item(workload, i, inLocalQueue));
            }

            items = new JsonArray(rows.Skip(offset).Take(limit).Select(r => (JsonNode)r).ToArray());
        }

        await ResourceEndpoints.WriteJsonAsync(ctx, 200, new JsonObject
        {
            ["kind"] = "PendingWorkloadsSummary",
            ["apiVersion"] = $"{Group}/{request.Type.Version}",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
            ["items"] = items,
        });
    }

    private static JsonObject Item(JsonObject workload, int positionInClusterQueue, int positionInLocalQueue) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = KubeObjects.Name(workload),
            ["namespace"] = KubeObjects.Namespace(workload),
            ["creationTimestamp"] = workload["metadata"]?["creationTimestamp"]?.DeepClone(),
            ["ownerReferences"] = new JsonArray((workload["metadata"]?["ownerReferences"] as JsonArray ?? [])
                .Select(o => (JsonNode)new JsonObject
                {
                    ["apiVersion"] = o?["apiVersion"]?.DeepClone(),
                    ["kind"] = o?["kind"]?.DeepClone(),
                    ["name"] = o?["name"]?.DeepClone(),
                    ["uid"] = o?["uid"]?.DeepClone(),
                }).ToArray()),
        },
        ["priority"] = WorkloadState.Priority(workload),
        ["localQueueName"] = WorkloadState.QueueName(workload),
        ["positionInClusterQueue"] = positionInClusterQueue,
        ["positionInLocalQueue"] = positionInLocalQueue,
    };

    private static int Number(string? text, int fallback, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw StatusFactory.BadRequest($"invalid {name}: {text}");
    }
}
