using System.Text.Json.Serialization;

namespace Jobman.Plugins.Harbor;

// Harbor's models are go-swagger generated: non-required fields are omitted when empty, so everything here is
// optional and nullable except what the API always writes.

/// <summary>swagger definition <c>Repository</c>.</summary>
internal sealed class HarborRepositoryModel
{
    [JsonPropertyName("id")]
    public long Id { get; init; }

    /// <summary>Full name including the project, e.g. <c>ml/team/trainer</c>.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    /// <summary>Markdown, stored HTML-escaped by Harbor.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("artifact_count")]
    public long? ArtifactCount { get; init; }

    [JsonPropertyName("pull_count")]
    public long? PullCount { get; init; }

    [JsonPropertyName("creation_time")]
    public DateTimeOffset? CreationTime { get; init; }

    [JsonPropertyName("update_time")]
    public DateTimeOffset? UpdateTime { get; init; }
}
