using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes.Kueue;
using Microsoft.AspNetCore.Http;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>Writes: create (jobs, configmaps), update, merge patch and delete with propagation policies.</summary>
internal sealed class WriteEndpoints(ClusterStore store, JobController controller, bool kueue)
{
    private readonly FieldManagers _managers = new();

    public async Task CreateJobAsync(HttpContext ctx, string ns)
    {
        var job = await ReadBodyAsync(ctx);
        CheckBodyNamespace(job, ns);
        var dryRun = ctx.Request.Query["dryRun"] == "All";
        JsonObject response;
        lock (store.Gate)
        {
            RequireNamespace(ns);
            JobAdmission.Admit(job, ns);
            if (kueue)
            {
                KueueWebhook.DefaultJob(job);
            }

            var name = KubeObjects.Name(job)!;
            if (store.Live(ResourceType.Jobs, ns, name) is not null)
            {
                throw StatusFactory.AlreadyExists(ResourceType.Jobs, name);
            }

            if (dryRun)
            {
                KubeObjects.Metadata(job)["creationTimestamp"] = KubeObjects.Time(DateTimeOffset.UtcNow);
                KubeObjects.Canonicalize(job);
                response = KubeObjects.WithTypeMeta(ResourceType.Jobs, job);
            }
            else
            {
                var added = store.Add(ResourceType.Jobs, ns, job);
                _managers.RecordUpdate(added, null, UpdateManager(ctx, ResourceType.Jobs));
                response = KubeObjects.WithTypeMeta(ResourceType.Jobs, added);
            }
        }

        await ResourceEndpoints.WriteJsonAsync(ctx, 201, response);
    }

    public async Task CreateConfigMapAsync(HttpContext ctx, string ns)
    {
        var cm = await ReadBodyAsync(ctx);
        CheckBodyNamespace(cm, ns);
        var name = KubeObjects.Name(cm) ?? string.Empty;
        ValidateConfigMapName(name);
        var dryRun = ctx.Request.Query["dryRun"] == "All";
        JsonObject response;
        lock (store.Gate)
        {
            RequireNamespace(ns);
            if (store.Live(ResourceType.ConfigMaps, ns, name) is not null)
            {
                throw StatusFactory.AlreadyExists(ResourceType.ConfigMaps, name);
            }

            var meta = KubeObjects.Metadata(cm);
            meta.Remove("resourceVersion");
            meta.Remove("uid");
            cm.Remove("kind");
            cm.Remove("apiVersion");
            if (!dryRun)
            {
                cm = store.Add(ResourceType.ConfigMaps, ns, cm);
                _managers.RecordUpdate(cm, null, UpdateManager(ctx, ResourceType.ConfigMaps));
            }

            response = KubeObjects.WithTypeMeta(ResourceType.ConfigMaps, cm);
        }

        await ResourceEndpoints.WriteJsonAsync(ctx, 201, response);
    }

    /// <summary>POST of a Kueue object (namespaced or cluster-scoped), in the version the path names.</summary>
    public async Task CreateCustomAsync(HttpContext ctx, ResourceType type, string? ns)
    {
        var body = await ReadBodyAsync(ctx);
        if (ns is not null)
        {
            CheckBodyNamespace(body, ns);
        }

        body = KueueConversion.ToStorage(type.Kind, type.Version, body);
        var dryRun = ctx.Request.Query["dryRun"] == "All";
        JsonObject response;
        lock (store.Gate)
        {
            if (ns is not null)
            {
                RequireNamespace(ns);
            }

            KueueAdmission.Admit(type.Storage, body, ns);
            var name = KubeObjects.Name(body)!;
            if (store.Live(type.Storage, ns, name) is not null)
            {
                throw StatusFactory.AlreadyExists(type, name);
            }

            if (!dryRun)
            {
                body = store.Add(type.Storage, ns, body);
                _managers.RecordUpdate(body, null, UpdateManager(ctx, type));
            }

            response = ObjectViews.Present(type, body, withTypeMeta: true);
        }

        await ResourceEndpoints.WriteJsonAsync(ctx, 201, response);
    }

    public async Task UpdateAsync(HttpContext ctx, ResourceType type, string? ns, string name, bool statusSubresource = false)
    {
        var body = await ReadBodyAsync(ctx);
        CheckBodyNamespace(body, ns);
        if (KubeObjects.Name(body) is { } bodyName && bodyName != name)
        {
            throw StatusFactory.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        body = KueueConversion.ToStorage(type.Kind, type.Version, body);
        JsonObject response;
        lock (store.Gate)
        {
            var live = store.Live(type.Storage, ns, name) ?? throw StatusFactory.NotFound(type, name);
            var expected = KubeObjects.Str(body["metadata"]?["resourceVersion"]);
            if (!string.IsNullOrEmpty(expected) && expected != KubeObjects.Str(live["metadata"]?["resourceVersion"]))
            {
                throw StatusFactory.Conflict(type, name);
            }

            var before = (JsonObject)live.DeepClone();
            Replace(type.Storage, live, body, statusSubresource);
            _managers.RecordUpdate(live, before, UpdateManager(ctx, type));
            response = ObjectViews.Present(type, live, withTypeMeta: true);
        }

        await ResourceEndpoints.WriteJsonAsync(ctx, 200, response);
    }

    /// <summary>
    /// PATCH with merge / strategic-merge (treated as RFC 7386 merge), RFC 6902 JSON Patch, or server-side apply
    /// (<c>application/apply-patch+yaml</c> with a JSON body: creates the object when missing, otherwise merges).
    /// </summary>
    public async Task PatchAsync(HttpContext ctx, ResourceType type, string? ns, string name, bool statusSubresource)
    {
        var contentType = (ctx.Request.ContentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        if (contentType is not ("application/merge-patch+json" or "application/strategic-merge-patch+json" or "application/json-patch+json" or "application/apply-patch+yaml"))
        {
            throw new ApiError(415, StatusFactory.Failure(415, "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json"));
        }

        var patch = await ReadNodeAsync(ctx);
        if (contentType == "application/apply-patch+yaml" && string.IsNullOrEmpty(ctx.Request.Query["fieldManager"]))
        {
            throw StatusFactory.BadRequest("PATCH, application/apply-patch+yaml requires fieldManager to be set");
        }

        JsonObject response;
        var code = 200;
        lock (store.Gate)
        {
            var live = store.Live(type.Storage, ns, name);
            var isApply = contentType == "application/apply-patch+yaml";
            var applier = new FieldManagers.Manager(ctx.Request.Query["fieldManager"].ToString(), IsApply: true, type.ApiVersion);
            if (live is null && isApply && patch is JsonObject desired && !statusSubresource)
            {
                response = CreateFromApply(type, ns, name, desired);
                _managers.Apply(response, desired, applier, force: true);
                code = 201;
            }
            else
            {
                if (live is null)
                {
                    throw StatusFactory.NotFound(type, name);
                }

                var patched = contentType == "application/json-patch+json"
                    ? JsonPatch.Apply(live.DeepClone(), patch as JsonArray ?? throw StatusFactory.BadRequest("a JSON patch must be an array of operations"))
                    : MergePatch(live.DeepClone(), patch);
                var result = patched as JsonObject ?? throw StatusFactory.BadRequest("the patch result is not an object");
                if (type != type.Storage)
                {
                    // The patch was written against the served version: apply it to that view, then convert back.
                    var view = ObjectViews.Present(type, live, withTypeMeta: true);
                    var patchedView = contentType == "application/json-patch+json" ? JsonPatch.Apply(view, (JsonArray)patch) : MergePatch(view, patch);
                    result = KueueConversion.ToStorage(type.Kind, type.Version, (JsonObject)patchedView!);
                }

                if (isApply && !statusSubresource)
                {
                    _managers.Apply(live, patch as JsonObject ?? [], applier, force: QueryFlags.IsTrue(ctx.Request.Query["force"]));
                }

                var before = (JsonObject)live.DeepClone();
                Replace(type.Storage, live, result, statusSubresource);
                if (!isApply && !statusSubresource)
                {
                    _managers.RecordUpdate(live, before, UpdateManager(ctx, type));
                }

                response = ObjectViews.Present(type, live, withTypeMeta: true);
            }
        }

        await ResourceEndpoints.WriteJsonAsync(ctx, code, response);
    }

    private JsonObject CreateFromApply(ResourceType type, string? ns, string name, JsonObject desired)
    {
        if (ns is not null)
        {
            RequireNamespace(ns);
        }

        KubeObjects.Metadata(desired)["name"] = name;
        if (type == ResourceType.Jobs)
        {
            JobAdmission.Admit(desired, ns!);
            if (kueue)
            {
                KueueWebhook.DefaultJob(desired);
            }
        }
        else if (type.IsKueue)
        {
            KueueAdmission.Admit(type.Storage, KueueConversion.ToStorage(type.Kind, type.Version, desired), ns);
        }
        else if (type == ResourceType.ConfigMaps)
        {
            desired.Remove("kind");
            desired.Remove("apiVersion");
        }
        else
        {
            throw StatusFactory.NotFound(type, name);
        }

        return ObjectViews.Present(type, store.Add(type.Storage, ns, desired), withTypeMeta: true);
    }

    /// <summary>Copies user-settable fields of <paramref name="source"/> onto the live object; identity fields stay.</summary>
    private void Replace(ResourceType type, JsonObject live, JsonObject source, bool statusSubresource)
    {
        if (statusSubresource)
        {
            live["status"] = source["status"]?.DeepClone() ?? new JsonObject();
            store.Modified(type, live);
            return;
        }

        if (type == ResourceType.Jobs && source["spec"] is JsonObject newSpec)
        {
            JobUpdateValidation.CheckUpdate(live, newSpec);
        }

        var specChanged = source["spec"] is { } spec && spec.ToJsonString() != live["spec"]?.ToJsonString();
        foreach (var (key, value) in source.ToList())
        {
            // The main resource ignores status changes, exactly like apiserver's status-subresource strategies.
            if (key is "kind" or "apiVersion" or "metadata" || (key == "status" && type != ResourceType.ConfigMaps))
            {
                continue;
            }

            live[key] = value?.DeepClone();
        }

        if (type == ResourceType.ConfigMaps)
        {
            foreach (var key in new[] { "data", "binaryData" })
            {
                if (!source.ContainsKey(key))
                {
                    live.Remove(key);
                }
            }
        }

        var liveMeta = KubeObjects.Metadata(live);
        foreach (var key in new[] { "labels", "annotations", "finalizers", "ownerReferences" })
        {
            // The source is the whole desired object (a PUT body or the patched live object): absent means removed.
            if (source["metadata"]?[key] is { } value)
            {
                liveMeta[key] = value.DeepClone();
            }
            else
            {
                liveMeta.Remove(key);
            }
        }

        if (specChanged && KubeObjects.Long(liveMeta["generation"]) is { } generation)
        {
            liveMeta["generation"] = generation + 1;
        }

        store.Modified(type, live);
    }

    public async Task DeleteAsync(HttpContext ctx, ResourceType type, string? ns, string name)
    {
        var (policy, dryRun, options) = await ReadDeleteOptionsAsync(ctx, type, name);
        JsonObject response;
        lock (store.Gate)
        {
            var live = store.Live(type.Storage, ns, name) ?? throw StatusFactory.NotFound(type, name);
            var uid = KubeObjects.Uid(live);
            if (KubeObjects.Str(options["preconditions"]?["uid"]) is { } wantedUid && wantedUid != uid)
            {
                throw new ApiError(409, StatusFactory.Failure(409, "Conflict",
                    $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": Precondition failed: UID in precondition: {wantedUid}, UID in object meta: {uid}",
                    StatusFactory.Details(type, name)));
            }

            if (!dryRun)
            {
                Delete(type, live, policy);
            }

            // Pods are deleted gracefully and a foreground deletion is staged: both come back as the object (200);
            // the others are gone at once (Success Status).
            var staged = type == ResourceType.Jobs && policy == "Foreground";
            response = type == ResourceType.Pods || staged ? ObjectViews.Present(type, live, withTypeMeta: true) : StatusFactory.DeleteSuccess(type, name, uid);
        }

        await ResourceEndpoints.WriteJsonAsync(ctx, 200, response);
    }

    /// <summary><c>DELETE</c> on a collection: deletes what the selectors match and answers the list of deleted objects.</summary>
    public async Task DeleteCollectionAsync(HttpContext ctx, ResourceType type, string ns)
    {
        var (policy, dryRun, _) = await ReadDeleteOptionsAsync(ctx, type, string.Empty);
        var labels = LabelSelector.Parse(ctx.Request.Query["labelSelector"]);
        var fields = FieldSelector.Parse(type, ctx.Request.Query["fieldSelector"]);
        JsonObject response;
        lock (store.Gate)
        {
            var doomed = store.LiveAll(type, ns)
                .Where(o => labels.Matches(o["metadata"]?["labels"] as JsonObject) && fields.Matches(o))
                .ToList();
            var items = new JsonArray(doomed.Select(o => (JsonNode)KubeObjects.WithoutTypeMeta(o)).ToArray());
            if (!dryRun)
            {
                doomed.ForEach(o => Delete(type, o, policy));
            }

            response = new JsonObject
            {
                ["kind"] = type.ListKind,
                ["apiVersion"] = type.ApiVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = store.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ["items"] = items,
            };
        }

        await ResourceEndpoints.WriteJsonAsync(ctx, 200, response);
    }

    private void Delete(ResourceType type, JsonObject live, string? policy)
    {
        if (type == ResourceType.Pods)
        {
            controller.DeletePod(live);
        }
        else if (type == ResourceType.Jobs && policy == "Foreground")
        {
            controller.DeleteJobInForeground(live);
        }
        else if (type == ResourceType.Jobs)
        {
            // batch/v1 defaults to orphaning the pods (kubectl always sends Background).
            controller.DeleteJob(live, orphanDependents: policy is null or "Orphan");
        }
        else
        {
            store.Remove(type.Storage, live);
        }
    }

    /// <summary>DeleteOptions from the query (what kubectl and the C# client send) or from a body.</summary>
    private static async Task<(string? Policy, bool DryRun, JsonObject Options)> ReadDeleteOptionsAsync(HttpContext ctx, ResourceType type, string name)
    {
        var options = ctx.Request.ContentLength is > 0 || ctx.Request.Headers.TransferEncoding.Count > 0
            ? await ReadBodyAsync(ctx, allowEmpty: true)
            : [];
        var policy = ctx.Request.Query["propagationPolicy"].ToString() is { Length: > 0 } p ? p : KubeObjects.Str(options["propagationPolicy"]);
        if (KubeObjects.Bool(options["orphanDependents"]) is { } orphanDependents && policy is null)
        {
            policy = orphanDependents ? "Orphan" : "Background";
        }

        if (policy is not (null or "Orphan" or "Background" or "Foreground"))
        {
            throw StatusFactory.Invalid(type, name, [new("FieldValueNotSupported", "propagationPolicy",
                $"Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"")]);
        }

        var dryRun = ctx.Request.Query["dryRun"] == "All" || (options["dryRun"] as JsonArray)?.Any(d => KubeObjects.Str(d) == "All") == true;
        return (policy, dryRun, options);
    }

    /// <summary>The manager of a create/update/non-apply patch: <c>fieldManager</c>, else the User-Agent's product (apiserver's default).</summary>
    private static FieldManagers.Manager UpdateManager(HttpContext ctx, ResourceType type)
    {
        var name = ctx.Request.Query["fieldManager"].ToString();
        if (name.Length == 0)
        {
            name = ctx.Request.Headers.UserAgent.ToString().Split('/')[0];
        }

        return new FieldManagers.Manager(name, IsApply: false, type.ApiVersion);
    }

    private void RequireNamespace(string ns)
    {
        if (store.Live(ResourceType.Namespaces, null, ns) is null)
        {
            throw StatusFactory.NotFound(ResourceType.Namespaces, ns);
        }
    }

    private static void CheckBodyNamespace(JsonObject body, string? ns)
    {
        if (ns is not null && KubeObjects.Namespace(body) is { Length: > 0 } bodyNs && bodyNs != ns)
        {
            throw StatusFactory.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    private static void ValidateConfigMapName(string name)
    {
        if (name.Length == 0)
        {
            throw StatusFactory.Invalid(ResourceType.ConfigMaps, name, [new("FieldValueRequired", "metadata.name", "Required value: name or generateName is required")]);
        }

        if (name.Length > 253 || !System.Text.RegularExpressions.Regex.IsMatch(name, "^[-._a-zA-Z0-9]+\\z"))
        {
            throw StatusFactory.Invalid(ResourceType.ConfigMaps, name, [new("FieldValueInvalid", "metadata.name",
                $"Invalid value: \"{name}\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')")]);
        }
    }

    private static async Task<JsonNode> ReadNodeAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ctx.RequestAborted);
        try
        {
            return JsonNode.Parse(text) ?? throw new JsonException("empty body");
        }
        catch (JsonException ex)
        {
            throw StatusFactory.BadRequest($"the double accepts JSON patch bodies only: {ex.Message}");
        }
    }

    internal static async Task<JsonObject> ReadBodyAsync(HttpContext ctx, bool allowEmpty = false)
    {
        var contentType = ctx.Request.ContentType ?? string.Empty;
        if (ProtobufBodies.IsProtobuf(contentType))
        {
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted);
            return ProtobufBodies.Decode(buffer.ToArray());
        }

        if (contentType.Contains("cbor", StringComparison.OrdinalIgnoreCase))
        {
            // The double speaks JSON only; apiserver's answer to an unsupported body type.
            throw new ApiError(415, StatusFactory.Failure(415, "UnsupportedMediaType",
                $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml"));
        }

        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ctx.RequestAborted);
        if (string.IsNullOrWhiteSpace(text) && allowEmpty)
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException ex)
        {
            throw StatusFactory.BadRequest($"the object provided is unrecognized: {ex.Message}");
        }
    }

    /// <summary>RFC 7386 JSON merge patch (strategic merge is treated the same; enough for label/suspend/data patches).</summary>
    private static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var merged = MergePatch(result[key]?.DeepClone(), value);
                result[key] = merged;
            }
        }

        return result;
    }
}
