using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// A minimal OpenAPI v3 discovery: per group-version documents whose only content is the PATCH operation of each
/// kind with the <c>fieldValidation</c> query parameter. That is what kubectl's query-param verifier looks for
/// before it delegates validation to the server (<c>?fieldValidation=Strict</c>); without it kubectl create fails
/// with "failed to download openapi".
/// </summary>
internal static class OpenApiDocuments
{
    public static JsonObject Root(bool kueue) => new JsonObject()
    {
        ["paths"] = new JsonObject
        {
            ["api/v1"] = new JsonObject { ["serverRelativeURL"] = "/openapi/v3/api/v1?hash=0000000000000000" },
            ["apis/batch/v1"] = new JsonObject { ["serverRelativeURL"] = "/openapi/v3/apis/batch/v1?hash=0000000000000000" },
        },
    }.WithKueuePaths(kueue);

    private static JsonObject WithKueuePaths(this JsonObject root, bool kueue)
    {
        foreach (var version in kueue ? ["v1beta2", "v1beta1"] : Array.Empty<string>())
        {
            root["paths"]![$"apis/kueue.x-k8s.io/{version}"] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/apis/kueue.x-k8s.io/{version}?hash=0000000000000000" };
        }

        return root;
    }

    public static JsonObject? GroupVersion(string path) => path switch
    {
        "/openapi/v3/api/v1" => Document(
            ("/api/v1/namespaces/{namespace}/pods/{name}", ResourceType.Pods),
            ("/api/v1/namespaces/{namespace}/configmaps/{name}", ResourceType.ConfigMaps),
            ("/api/v1/namespaces/{name}", ResourceType.Namespaces)),
        "/openapi/v3/apis/batch/v1" => Document(("/apis/batch/v1/namespaces/{namespace}/jobs/{name}", ResourceType.Jobs)),
        "/openapi/v3/apis/kueue.x-k8s.io/v1beta2" => Kueue(ResourceType.Kueue),
        "/openapi/v3/apis/kueue.x-k8s.io/v1beta1" => Kueue(ResourceType.KueueV1Beta1),
        _ => null,
    };

    private static JsonObject Kueue(IEnumerable<ResourceType> types) => Document(types
        .Select(t => (t.Namespaced ? $"/apis/{t.ApiVersion}/namespaces/{{namespace}}/{t.Plural}/{{name}}" : $"/apis/{t.ApiVersion}/{t.Plural}/{{name}}", t))
        .ToArray());

    private static JsonObject Document(params (string Path, ResourceType Type)[] operations)
    {
        var paths = new JsonObject();
        foreach (var (path, type) in operations)
        {
            paths[path] = new JsonObject
            {
                ["parameters"] = new JsonArray(FieldValidation()),
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{type.Kind}",
                    ["parameters"] = new JsonArray(FieldValidation()),
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "unversioned" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static JsonObject FieldValidation() => new()
    {
        ["name"] = "fieldValidation",
        ["in"] = "query",
        ["description"] = "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };
}
