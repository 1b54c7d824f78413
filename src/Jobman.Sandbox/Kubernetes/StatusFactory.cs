using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>Builds <c>meta/v1 Status</c> bodies with apimachinery's exact reasons and message formats.</summary>
internal static class StatusFactory
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details = null, JsonObject? metadata = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = metadata ?? new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    public static JsonObject Details(ResourceType type, string? name, string? uid = null)
    {
        var details = new JsonObject();
        if (name is not null)
        {
            details["name"] = name;
        }

        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Plural;
        if (uid is not null)
        {
            details["uid"] = uid;
        }

        return details;
    }

    public static ApiError NotFound(ResourceType type, string name) =>
        new(404, Failure(404, "NotFound", $"{type.QualifiedResource} \"{name}\" not found", Details(type, name)));

    public static ApiError AlreadyExists(ResourceType type, string name) =>
        new(409, Failure(409, "AlreadyExists", $"{type.QualifiedResource} \"{name}\" already exists", Details(type, name)));

    public static ApiError Conflict(ResourceType type, string name) =>
        new(409, Failure(409, "Conflict",
            $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Details(type, name)));

    public static ApiError Unauthorized() => new(401, Failure(401, "Unauthorized", "Unauthorized"));

    public static ApiError Forbidden(string user, string verb, ResourceType type, string? subresource, string? ns, string? name)
    {
        var resource = subresource is null ? type.Plural : $"{type.Plural}/{subresource}";
        var subject = name is null ? type.QualifiedResource : $"{type.QualifiedResource} \"{name}\"";
        var scope = ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\"";
        var message = $"{subject} is forbidden: User \"{user}\" cannot {verb} resource \"{resource}\" in API group \"{type.Group}\" {scope}";
        return new(403, Failure(403, "Forbidden", message, Details(type, name)));
    }

    public static ApiError BadRequest(string message) => new(400, Failure(400, "BadRequest", message));

    public static ApiError MethodNotAllowed() =>
        new(405, Failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"));

    public static ApiError NotFoundPath() =>
        new(404, Failure(404, "NotFound", "the server could not find the requested resource", new JsonObject()));

    public static ApiError ExpiredContinue(string freshToken) =>
        new(410, Failure(410, "Expired",
            "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.",
            metadata: new JsonObject { ["continue"] = freshToken }));

    public static ApiError TooManyRequests(int retryAfterSeconds) =>
        new(429, Failure(429, "TooManyRequests", "Too many requests, please try again later.",
                new JsonObject { ["retryAfterSeconds"] = retryAfterSeconds }),
            new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public static ApiError InternalError(string message) =>
        new(500, Failure(500, "InternalError", $"Internal error occurred: {message}",
            new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) }));

    /// <summary>One field error; Detail is the text after the field path.</summary>
    public sealed record Cause(string Reason, string Field, string Detail);

    public static ApiError Invalid(ResourceType type, string name, IReadOnlyList<Cause> causes)
    {
        var parts = causes.Select(c => $"{c.Field}: {c.Detail}").ToList();
        var joined = parts.Count == 1 ? parts[0] : $"[{string.Join(", ", parts)}]";
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Kind;
        details["causes"] = new JsonArray(causes.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = c.Reason,
            ["message"] = c.Detail,
            ["field"] = c.Field,
        }).ToArray());
        return new(422, Failure(422, "Invalid", $"{type.QualifiedKind} \"{name}\" is invalid: {joined}", details));
    }

    public static JsonObject DeleteSuccess(ResourceType type, string name, string? uid) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = Details(type, name, uid),
    };
}
