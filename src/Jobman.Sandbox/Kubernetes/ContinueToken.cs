using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// apiserver's opaque paging token: base64url (no padding) of
/// <c>{"v":"meta.k8s.io/v1","rv":N,"start":"&lt;next key&gt;\u0000"}</c> (kubernetes/apiserver storage/continue.go).
/// </summary>
internal static class ContinueToken
{
    public static string Encode(long resourceVersion, string nextKey)
    {
        var json = "{\"v\":\"meta.k8s.io/v1\",\"rv\":" + resourceVersion + ",\"start\":" + JsonSerializer.Serialize(nextKey + "\0") + "}";
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Returns the list resourceVersion and the key to start from (inclusive), or throws 400 like apiserver.</summary>
    public static (long ResourceVersion, string StartKey) Decode(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var node = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64)))!.AsObject();
            if (node["v"]?.GetValue<string>() != "meta.k8s.io/v1")
            {
                throw new FormatException("unsupported version");
            }

            var start = node["start"]?.GetValue<string>() ?? throw new FormatException("no start");
            return (node["rv"]?.GetValue<long>() ?? 0, start);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or ArgumentException)
        {
            throw StatusFactory.BadRequest($"continue key is not valid: {ex.Message}");
        }
    }
}
