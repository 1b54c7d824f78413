using System.Text.RegularExpressions;
using Jobman.Core;

namespace Jobman.Plugins.OciRegistry;

/// <summary>The distribution spec's grammar for repository names and tags, checked before they go into a URL path.</summary>
internal static partial class RepositoryNames
{
    public static void Validate(ImageReferenceParts reference)
    {
        if (!Name().IsMatch(reference.Repository))
        {
            throw JobmanException.Usage($"'{reference.Repository}' is not a valid repository name (lowercase letters, digits, '.', '_', '-' and '/')");
        }

        if (reference.Tag is { } tag && !Tag().IsMatch(tag))
        {
            throw JobmanException.Usage($"'{tag}' is not a valid tag (letters, digits, '_', '.', '-'; at most 128 characters)");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex Name();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex Tag();
}

/// <summary>A repository (without the registry host) and optional tag.</summary>
internal sealed record ImageReferenceParts(string Repository, string? Tag);
