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

/// <summary>swagger definition <c>Tag</c>.</summary>
internal sealed class HarborTagModel
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("push_time")]
    public DateTimeOffset? PushTime { get; init; }
}

/// <summary>swagger definition <c>Errors</c>: <c>{"errors":[{"code","message"}]}</c>.</summary>
internal sealed class HarborErrorsModel
{
    [JsonPropertyName("errors")]
    public List<HarborErrorModel>? Errors { get; init; }
}

/// <summary>swagger definition <c>Error</c>.</summary>
internal sealed class HarborErrorModel
{
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
