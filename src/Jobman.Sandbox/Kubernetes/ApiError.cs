using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>A request failed the way apiserver fails it: an HTTP code plus a <c>Status</c> body.</summary>
internal sealed class ApiError(int code, JsonObject status, IReadOnlyDictionary<string, string>? headers = null)
    : Exception(status["message"]?.GetValue<string>())
{
    public int Code { get; } = code;

    public JsonObject Status { get; } = status;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers ?? new Dictionary<string, string>();
}
