namespace Jobman.Core.Registries;

/// <summary>Metadata of one tag.</summary>
/// <param name="Name">The tag.</param>
public sealed record ImageTag(string Name)
{
    /// <summary>Content digest (<c>sha256:...</c>).</summary>
    public string? Digest { get; init; }

    /// <summary>Size in bytes.</summary>
    public long? SizeBytes { get; init; }

    /// <summary>When the tag was pushed (or the image created).</summary>
    public DateTimeOffset? PushedAt { get; init; }
}
