using System.Globalization;
using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>RFC 6902 JSON Patch (add, remove, replace, move, copy, test) over RFC 6901 pointers, as apiserver applies it.</summary>
internal static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        var root = new JsonObject { ["doc"] = document.DeepClone() };
        foreach (var operation in operations.OfType<JsonObject>())
        {
            var op = KubeObjects.Str(operation["op"]) ?? throw Invalid("missing op");
            var path = KubeObjects.Str(operation["path"]) ?? throw Invalid("missing path");
            switch (op)
            {
                case "add":
                    Add(root, path, operation["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    Add(root, path, operation["value"]?.DeepClone());
                    break;
                case "move":
                    var moved = Get(root, KubeObjects.Str(operation["from"]) ?? throw Invalid("missing from"))?.DeepClone();
                    Remove(root, KubeObjects.Str(operation["from"])!);
                    Add(root, path, moved);
                    break;
                case "copy":
                    Add(root, path, Get(root, KubeObjects.Str(operation["from"]) ?? throw Invalid("missing from"))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path), operation["value"]))
                    {
                        throw Invalid($"testing value {path} failed");
                    }

                    break;
                default:
                    throw Invalid($"Unexpected kind: {op}");
            }
        }

        return root["doc"]!;
    }

    private static (JsonNode Parent, string Last) Resolve(JsonObject root, string pointer)
    {
        var tokens = ("/doc" + pointer).Split('/').Skip(1).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        JsonNode current = root;
        foreach (var token in tokens.Take(tokens.Count - 1))
        {
            current = Child(current, token) ?? throw Invalid($"doc is missing path: {pointer}");
        }

        return (current, tokens[^1]);
    }

    private static JsonNode? Child(JsonNode node, string token) => node switch
    {
        JsonObject o => o[token],
        JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
        _ => null,
    };

    private static JsonNode? Get(JsonObject root, string pointer)
    {
        var (parent, last) = Resolve(root, pointer);
        return Child(parent, last);
    }

    private static void Add(JsonObject root, string pointer, JsonNode? value)
    {
        var (parent, last) = Resolve(root, pointer);
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw Invalid($"unable to add at {pointer}");
        }
    }

    private static void Remove(JsonObject root, string pointer)
    {
        var (parent, last) = Resolve(root, pointer);
        var removed = parent switch
        {
            JsonObject o => o.Remove(last),
            JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => RemoveAt(a, i),
            _ => false,
        };
        if (!removed)
        {
            throw Invalid($"Unable to remove nonexistent key: {last}: missing value");
        }
    }

    private static bool RemoveAt(JsonArray array, int index)
    {
        array.RemoveAt(index);
        return true;
    }

    private static ApiError Invalid(string message) =>
        new(422, StatusFactory.Failure(422, "Invalid", $"the server rejected our request due to an error in our request: {message}"));
}
