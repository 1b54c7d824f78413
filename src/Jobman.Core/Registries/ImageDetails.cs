namespace Jobman.Core.Registries;

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
