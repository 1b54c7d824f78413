using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>Routes a resource request to its REST semantics (get here; collections, writes and logs elsewhere).</summary>
internal sealed class ResourceEndpoints(ClusterStore store, JobController controller, Kubelet kubelet, FaultInjector faults, OpenStreams streams, bool kueue, CancellationToken stopping)
{
    private readonly CollectionEndpoints _collections = new(store, faults, streams, stopping);
    private readonly WriteEndpoints _writes = new(store, controller, kueue);

    public static async Task WriteJsonAsync(HttpContext ctx, int code, JsonNode body)
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(body.ToJsonString(KubeObjects.Wire) + "\n");
    }

    public async Task HandleAsync(HttpContext ctx, ApiRoute route, string verb, DropLogStreamFault? drop)
    {
        var type = route.Type;
        switch (verb)
        {
            case "list":
                await _collections.ListAsync(ctx, type, route.Type == ResourceType.Namespaces ? null : route.Namespace);
                return;
            case "watch":
                await _collections.WatchAsync(ctx, type, route.Type == ResourceType.Namespaces ? null : route.Namespace);
                return;
            case "get" when type == ResourceType.Pods && route.Subresource == "log":
                await new PodLogWriter(store, kubelet, streams, stopping).WriteAsync(ctx, route.Namespace!, route.Name!, drop);
                return;
            case "get" when route.Subresource is null || (type.HasStatusSubresource && route.Subresource == "status"):
                var single = Get(type, route.Namespace, route.Name!);
                await WriteJsonAsync(ctx, 200, TableConverter.IsRequested(ctx.Request.Headers.Accept)
                    ? TableConverter.Convert(type, [single], new JsonObject { ["resourceVersion"] = single["metadata"]?["resourceVersion"]?.DeepClone() }, DateTimeOffset.UtcNow, ctx.Request.Query["includeObject"])
                    : ObjectViews.Present(type, single, withTypeMeta: true));
                return;
            case "create" when route.Subresource is null && type == ResourceType.Jobs:
                await _writes.CreateJobAsync(ctx, route.Namespace!);
                return;
            case "create" when route.Subresource is null && type == ResourceType.ConfigMaps:
                await _writes.CreateConfigMapAsync(ctx, route.Namespace!);
                return;
            case "create" when route.Subresource is null && route.Name is null && type.IsKueue:
                await _writes.CreateCustomAsync(ctx, type, route.Namespace);
                return;
            case "update" when (route.Subresource is null && (type == ResourceType.ConfigMaps || type == ResourceType.Jobs || type.IsKueue))
                || (route.Subresource == "status" && type.IsKueue && type.HasStatusSubresource):
                await _writes.UpdateAsync(ctx, type, route.Namespace, route.Name!, route.Subresource == "status");
                return;
            case "patch" when IsWritable(type) && (route.Subresource is null || (type.HasStatusSubresource && route.Subresource == "status")):
                await _writes.PatchAsync(ctx, type, route.Namespace, route.Name!, route.Subresource == "status");
                return;
            case "delete" when route.Subresource is null && IsWritable(type):
                await _writes.DeleteAsync(ctx, type, route.Namespace, route.Name!);
                return;
            case "deletecollection" when route.Namespace is not null && IsWritable(type):
                await _writes.DeleteCollectionAsync(ctx, type, route.Namespace);
                return;
            default:
                throw StatusFactory.MethodNotAllowed();
        }
    }

    private static bool IsWritable(ResourceType type) =>
        type == ResourceType.Jobs || type == ResourceType.Pods || type == ResourceType.ConfigMaps || type.IsKueue;

    private JsonObject Get(ResourceType type, string? ns, string name)
    {
        lock (store.Gate)
        {
            var obj = store.Live(type.Storage, ns, name) ?? throw StatusFactory.NotFound(type, name);
            return (JsonObject)obj.DeepClone();
        }
    }
}
