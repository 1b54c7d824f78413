using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// <c>SelfSubjectAccessReview</c> (authorization.k8s.io/v1, <c>kubectl auth can-i</c>) and <c>SelfSubjectReview</c>
/// (authentication.k8s.io/v1, <c>kubectl auth whoami</c>): create-only virtual resources answered from the caller's
/// own identity and the double's RBAC model, never stored.
/// </summary>
internal sealed class SelfReviewEndpoints(AccessControl access)
{
    public const string AccessReviewPath = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
    public const string SubjectReviewPath = "/apis/authentication.k8s.io/v1/selfsubjectreviews";

    /// <summary>Paths every authenticated user may GET (discovery and health), as the system:discovery role allows.</summary>
    private static readonly string[] DiscoveryPaths = ["/api", "/api/*", "/apis", "/apis/*", "/openapi", "/openapi/*", "/version", "/version/", "/healthz", "/livez", "/readyz"];

    public async Task<bool> TryServeAsync(HttpContext ctx, string path, AccessControl.UserAccount user)
    {
        var review = path.TrimEnd('/') switch
        {
            AccessReviewPath => "access",
            SubjectReviewPath => "subject",
            _ => null,
        };
        if (review is null)
        {
            return false;
        }

        if (ctx.Request.Method != "POST")
        {
            throw StatusFactory.MethodNotAllowed();
        }

        var body = await WriteEndpoints.ReadBodyAsync(ctx);
        var answer = review == "access" ? AccessReview(body, user) : SubjectReview(user);
        await ResourceEndpoints.WriteJsonAsync(ctx, 201, answer);
        return true;
    }

    private JsonObject AccessReview(JsonObject body, AccessControl.UserAccount user)
    {
        var spec = body["spec"] as JsonObject ?? throw StatusFactory.BadRequest("spec is required");
        bool allowed;
        if (spec["resourceAttributes"] is JsonObject resource)
        {
            var request = new AccessRequest(
                KubeObjects.Str(resource["verb"]) ?? string.Empty,
                KubeObjects.Str(resource["group"]) ?? string.Empty,
                KubeObjects.Str(resource["resource"]) ?? string.Empty,
                NullIfEmpty(KubeObjects.Str(resource["subresource"])),
                NullIfEmpty(KubeObjects.Str(resource["namespace"])),
                NullIfEmpty(KubeObjects.Str(resource["name"])));
            if (request.Resource == ResourceType.Namespaces.Plural && request.ApiGroup.Length == 0 && request.Name is not null)
            {
                // A namespace is authorised in its own namespace, as apiserver's RequestInfo sets it.
                request = request with { Namespace = request.Name };
            }

            allowed = access.IsAllowed(user, request);
        }
        else if (spec["nonResourceAttributes"] is JsonObject nonResource)
        {
            var path = KubeObjects.Str(nonResource["path"]) ?? string.Empty;
            allowed = KubeObjects.Str(nonResource["verb"]) == "get" && DiscoveryPaths.Any(p => p.EndsWith("/*", StringComparison.Ordinal) ? path.StartsWith(p[..^1], StringComparison.Ordinal) : path == p);
        }
        else
        {
            throw StatusFactory.Invalid(new ResourceType("selfsubjectaccessreviews", "authorization.k8s.io", "v1", "SelfSubjectAccessReview", false), string.Empty,
                [new("FieldValueRequired", "spec.resourceAttributes", "Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified")]);
        }

        var status = new JsonObject { ["allowed"] = allowed };
        return new JsonObject
        {
            ["kind"] = "SelfSubjectAccessReview",
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
            ["spec"] = spec.DeepClone(),
            ["status"] = status,
        };
    }

    private static JsonObject SubjectReview(AccessControl.UserAccount user) => new()
    {
        ["kind"] = "SelfSubjectReview",
        ["apiVersion"] = "authentication.k8s.io/v1",
        ["metadata"] = new JsonObject { ["creationTimestamp"] = KubeObjects.Time(DateTimeOffset.UtcNow) },
        ["status"] = new JsonObject
        {
            ["userInfo"] = new JsonObject
            {
                ["username"] = user.Name,
                ["groups"] = new JsonArray(user.Groups.Select(g => (JsonNode?)g).ToArray()),
            },
        },
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
