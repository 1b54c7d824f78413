using System.Text;
using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// Decodes the protobuf request bodies kubectl's typed generators send (<c>kubectl create job|configmap</c>) into
/// the JSON the rest of the double works on. Only the fields those generators and jobman-style jobs use are mapped
/// (k8s.io/api generated.proto field numbers); anything else is skipped. Bodies are apimachinery's envelope:
/// magic <c>k8s\0</c> + runtime.Unknown{typeMeta{apiVersion, kind}, raw}.
/// </summary>
internal static class ProtobufBodies
{
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    private enum Kind
    {
        String,
        Int,
        Bool,
        Message,
        RepeatedString,
        RepeatedMessage,
        StringMap,
        QuantityMap,
    }

    private sealed record Field(string Json, Kind Kind, string? Message = null);

    private static readonly Dictionary<string, Dictionary<int, Field>> Schema = new()
    {
        ["Job"] = new() { [1] = new("metadata", Kind.Message, "ObjectMeta"), [2] = new("spec", Kind.Message, "JobSpec") },
        ["ConfigMap"] = new()
        {
            [1] = new("metadata", Kind.Message, "ObjectMeta"), [2] = new("data", Kind.StringMap), [4] = new("immutable", Kind.Bool),
        },
        ["ObjectMeta"] = new()
        {
            [1] = new("name", Kind.String), [2] = new("generateName", Kind.String), [3] = new("namespace", Kind.String),
            [11] = new("labels", Kind.StringMap), [12] = new("annotations", Kind.StringMap),
        },
        ["JobSpec"] = new()
        {
            [1] = new("parallelism", Kind.Int), [2] = new("completions", Kind.Int), [3] = new("activeDeadlineSeconds", Kind.Int),
            [5] = new("manualSelector", Kind.Bool), [6] = new("template", Kind.Message, "PodTemplateSpec"), [7] = new("backoffLimit", Kind.Int),
            [8] = new("ttlSecondsAfterFinished", Kind.Int), [9] = new("completionMode", Kind.String), [10] = new("suspend", Kind.Bool),
        },
        ["PodTemplateSpec"] = new() { [1] = new("metadata", Kind.Message, "ObjectMeta"), [2] = new("spec", Kind.Message, "PodSpec") },
        ["PodSpec"] = new()
        {
            [2] = new("containers", Kind.RepeatedMessage, "Container"), [3] = new("restartPolicy", Kind.String),
            [4] = new("terminationGracePeriodSeconds", Kind.Int), [5] = new("activeDeadlineSeconds", Kind.Int), [6] = new("dnsPolicy", Kind.String),
            [7] = new("nodeSelector", Kind.StringMap), [8] = new("serviceAccountName", Kind.String),
        },
        ["Container"] = new()
        {
            [1] = new("name", Kind.String), [2] = new("image", Kind.String), [3] = new("command", Kind.RepeatedString),
            [4] = new("args", Kind.RepeatedString), [5] = new("workingDir", Kind.String), [7] = new("env", Kind.RepeatedMessage, "EnvVar"),
            [8] = new("resources", Kind.Message, "ResourceRequirements"), [14] = new("imagePullPolicy", Kind.String),
        },
        // kubectl auth can-i / whoami (k8s.io/api authorization/v1 and authentication/v1 generated.proto).
        ["SelfSubjectAccessReview"] = new() { [1] = new("metadata", Kind.Message, "ObjectMeta"), [2] = new("spec", Kind.Message, "SelfSubjectAccessReviewSpec") },
        ["SelfSubjectAccessReviewSpec"] = new()
        {
            [1] = new("resourceAttributes", Kind.Message, "ResourceAttributes"), [2] = new("nonResourceAttributes", Kind.Message, "NonResourceAttributes"),
        },
        ["ResourceAttributes"] = new()
        {
            [1] = new("namespace", Kind.String), [2] = new("verb", Kind.String), [3] = new("group", Kind.String), [4] = new("version", Kind.String),
            [5] = new("resource", Kind.String), [6] = new("subresource", Kind.String), [7] = new("name", Kind.String),
        },
        ["NonResourceAttributes"] = new() { [1] = new("path", Kind.String), [2] = new("verb", Kind.String) },
        ["SelfSubjectReview"] = new() { [1] = new("metadata", Kind.Message, "ObjectMeta") },
        ["EnvVar"] = new() { [1] = new("name", Kind.String), [2] = new("value", Kind.String) },
        ["ResourceRequirements"] = new() { [1] = new("limits", Kind.QuantityMap), [2] = new("requests", Kind.QuantityMap) },
    };

    private static readonly string[] TopLevelKinds = ["Job", "ConfigMap", "SelfSubjectAccessReview", "SelfSubjectReview"];

    public static bool IsProtobuf(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/vnd.kubernetes.protobuf", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns the object as JSON (with kind/apiVersion), or throws 400/415 like apiserver for what it cannot read.</summary>
    public static JsonObject Decode(byte[] body)
    {
        if (body.Length < Magic.Length || !body.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw StatusFactory.BadRequest("provided object is not a valid protobuf envelope (missing k8s magic prefix)");
        }

        string? apiVersion = null;
        string? kind = null;
        byte[]? raw = null;
        foreach (var (number, _, _, bytes) in Fields(body.AsMemory(Magic.Length)))
        {
            if (number == 1)
            {
                foreach (var (typeField, _, _, typeBytes) in Fields(bytes))
                {
                    var text = Encoding.UTF8.GetString(typeBytes.Span);
                    if (typeField == 1)
                    {
                        apiVersion = text;
                    }
                    else if (typeField == 2)
                    {
                        kind = text;
                    }
                }
            }
            else if (number == 2)
            {
                raw = bytes.ToArray();
            }
        }

        if (kind is null || raw is null || !TopLevelKinds.Contains(kind))
        {
            throw new ApiError(415, StatusFactory.Failure(415, "UnsupportedMediaType",
                $"the double decodes protobuf only for {string.Join(", ", TopLevelKinds)} (got {kind ?? "unknown"}); send application/json"));
        }

        var obj = new JsonObject { ["kind"] = kind, ["apiVersion"] = apiVersion };
        foreach (var (key, node) in DecodeMessage(kind, raw))
        {
            obj[key] = node?.DeepClone();
        }

        return obj;
    }

    private static JsonObject DecodeMessage(string message, ReadOnlyMemory<byte> data)
    {
        var schema = Schema[message];
        var result = new JsonObject();
        foreach (var (number, _, varint, bytes) in Fields(data))
        {
            if (!schema.TryGetValue(number, out var field))
            {
                continue;
            }

            switch (field.Kind)
            {
                case Kind.String:
                    // gogo-generated marshalling writes empty strings too; JSON omits them (omitempty).
                    var text = Encoding.UTF8.GetString(bytes.Span);
                    if (text.Length > 0)
                    {
                        result[field.Json] = text;
                    }

                    break;
                case Kind.Int:
                    result[field.Json] = varint;
                    break;
                case Kind.Bool:
                    result[field.Json] = varint != 0;
                    break;
                case Kind.Message:
                    result[field.Json] = DecodeMessage(field.Message!, bytes);
                    break;
                case Kind.RepeatedString:
                    Array(result, field.Json).Add(Encoding.UTF8.GetString(bytes.Span));
                    break;
                case Kind.RepeatedMessage:
                    Array(result, field.Json).Add(DecodeMessage(field.Message!, bytes));
                    break;
                case Kind.StringMap:
                case Kind.QuantityMap:
                    string? key = null;
                    string? value = null;
                    foreach (var (entryField, _, _, entryBytes) in Fields(bytes))
                    {
                        if (entryField == 1)
                        {
                            key = Encoding.UTF8.GetString(entryBytes.Span);
                        }
                        else if (entryField == 2)
                        {
                            // Quantity is message {string = 1}.
                            value = field.Kind == Kind.StringMap
                                ? Encoding.UTF8.GetString(entryBytes.Span)
                                : Fields(entryBytes).Where(f => f.Number == 1).Select(f => Encoding.UTF8.GetString(f.Bytes.Span)).FirstOrDefault();
                        }
                    }

                    if (key is not null)
                    {
                        KubeObjects.Child(result, field.Json)[key] = value ?? string.Empty;
                    }

                    break;
            }
        }

        return result;
    }

    private static JsonArray Array(JsonObject parent, string name)
    {
        if (parent[name] is not JsonArray array)
        {
            array = [];
            parent[name] = array;
        }

        return array;
    }

    /// <summary>Protobuf wire format: (field number, wire type, varint value, length-delimited bytes).</summary>
    private static List<(int Number, int WireType, long Varint, ReadOnlyMemory<byte> Bytes)> Fields(ReadOnlyMemory<byte> data)
    {
        var fields = new List<(int, int, long, ReadOnlyMemory<byte>)>();
        var span = data.Span;
        var position = 0;
        while (position < span.Length)
        {
            var tag = ReadVarint(span, ref position);
            var number = (int)(tag >> 3);
            var wireType = (int)(tag & 7);
            switch (wireType)
            {
                case 0:
                    fields.Add((number, wireType, (long)ReadVarint(span, ref position), ReadOnlyMemory<byte>.Empty));
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(span, ref position);
                    if (length < 0 || position + length > span.Length)
                    {
                        throw StatusFactory.BadRequest("protobuf body is truncated");
                    }

                    fields.Add((number, wireType, 0, data.Slice(position, length)));
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw StatusFactory.BadRequest($"protobuf body has unsupported wire type {wireType}");
            }
        }

        return fields;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= span.Length)
            {
                throw StatusFactory.BadRequest("protobuf body is truncated");
            }

            var b = span[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw StatusFactory.BadRequest("protobuf varint is too long");
    }
}
