using System.Text.Json.Serialization;

namespace Jobman.Plugins.Harbor;

/// <summary>swagger definition <c>Tag</c>.</summary>
internal sealed class HarborTagModel
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("push_time")]
    public DateTimeOffset? PushTime { get; init; }
}
