using System.Text.Json.Serialization;

namespace Jobman.Plugins.Harbor;

/// <summary>swagger definition <c>Artifact</c> (the fields jobman shows).</summary>
internal sealed class HarborArtifactModel
{
    [JsonPropertyName("digest")]
    public string? Digest { get; init; }

    [JsonPropertyName("size")]
    public long? Size { get; init; }

    [JsonPropertyName("push_time")]
    public DateTimeOffset? PushTime { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("tags")]
    public List<HarborTagModel>? Tags { get; init; }
}
