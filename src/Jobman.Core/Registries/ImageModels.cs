namespace Jobman.Core.Registries;

/// <summary>A repository and its tags.</summary>
/// <param name="Name">The repository name users pass to <c>-i</c> (without registry host or project).</param>
/// <param name="Tags">Tag names.</param>
/// <param name="Registry">The registry that listed it (its <see cref="IImageRegistry.Name"/>).</param>
public sealed record ImageRepository(string Name, IReadOnlyList<string> Tags, string Registry)
{
    /// <summary>Short description, when the registry keeps one.</summary>
    public string? Description { get; init; }

    /// <summary>The prefix to put before the name to pull it (e.g. <c>harbor.example/project/</c>).</summary>
    public string? PullPrefix { get; init; }
}

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

/// <summary>What <c>image-details</c> shows.</summary>
/// <param name="Name">Repository name.</param>
/// <param name="Registry">The registry that answered.</param>
/// <param name="Tags">All tags of the repository.</param>
public sealed record ImageDetails(string Name, string Registry, IReadOnlyList<ImageTag> Tags)
{
    /// <summary>Description (Markdown for Harbor, OCI description annotation for registries).</summary>
    public string? Description { get; init; }

    /// <summary>The requested tag's metadata, when a tag was given.</summary>
    public ImageTag? SelectedTag { get; init; }

    /// <summary>Extra facts (labels, annotations) to show.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>A repository name with an optional tag, as typed by the user.</summary>
/// <param name="Repository">The repository name (may contain <c>/</c>).</param>
/// <param name="Tag">The tag, or null.</param>
public sealed record ImageReference(string Repository, string? Tag)
{
    /// <summary>Splits <c>NAME[:TAG]</c>; a colon inside a registry host (before the last <c>/</c>) is not a tag.</summary>
    /// <param name="text">The text typed by the user.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="JobmanException">When the name is empty (exit code 2).</exception>
    public static ImageReference Parse(string text)
    {
        var trimmed = text.Trim();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            trimmed = trimmed[..at];
        }

        var colon = trimmed.LastIndexOf(':');
        var slash = trimmed.LastIndexOf('/');
        var reference = colon > slash
            ? new ImageReference(trimmed[..colon], trimmed[(colon + 1)..])
            : new ImageReference(trimmed, null);
        if (reference.Repository.Length == 0 || reference.Tag is { Length: 0 })
        {
            throw JobmanException.Usage($"'{text}' is not a valid image name (expected NAME[:TAG])");
        }

        return reference;
    }

    /// <inheritdoc />
    public override string ToString() => Tag is null ? Repository : $"{Repository}:{Tag}";
}
