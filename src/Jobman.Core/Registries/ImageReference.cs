namespace Jobman.Core.Registries;

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
