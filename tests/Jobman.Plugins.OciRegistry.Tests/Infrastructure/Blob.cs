using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Jobman.Plugins.OciRegistry.Tests.Infrastructure;

/// <summary>A content-addressed blob with its descriptor.</summary>
internal sealed record Blob(string MediaType, byte[] Bytes)
{
    public string Digest { get; } = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Bytes));

    public long Size => Bytes.Length;

    public JsonObject Descriptor(JsonObject? extra = null)
    {
        var descriptor = new JsonObject { ["mediaType"] = MediaType, ["digest"] = Digest, ["size"] = Size };
        foreach (var (key, value) in extra ?? [])
        {
            descriptor[key] = value?.DeepClone();
        }

        return descriptor;
    }
}
