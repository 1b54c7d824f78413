using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Jobman.Sandbox.Harbor;

/// <summary>A response of the double: status, JSON body and headers.</summary>
internal sealed class HarborReply(int status, JsonNode body)
{
    public int Status { get; } = status;

    public JsonNode Body { get; } = body;

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Harbor's error body <c>{"errors":[{"code","message"}]}</c>.</summary>
    public static HarborReply Error(int status, string code, string message) =>
        new(status, new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }) });

    public async Task WriteAsync(HttpResponse response)
    {
        response.StatusCode = Status;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers["X-Request-Id"] = Guid.NewGuid().ToString();
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        // Harbor's error bodies end with a newline (http.Error style); lists and objects too (json.Encoder).
        var text = Body.ToJsonString() + "\n";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text)).ConfigureAwait(false);
    }
}
