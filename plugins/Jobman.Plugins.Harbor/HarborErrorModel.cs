using System.Text.Json.Serialization;

namespace Jobman.Plugins.Harbor;

/// <summary>swagger definition <c>Error</c>.</summary>
internal sealed class HarborErrorModel
{
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
