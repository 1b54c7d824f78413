using System.Text.RegularExpressions;
using Jobman.Core;

namespace Jobman.Plugins.OciRegistry;

/// <summary>The distribution spec's grammar for repository names and tags, checked before they go into a URL path.</summary>
internal static partial class RepositoryNames
{
    public static void Validate(string repository, string? tag)
    {
        if (!Name().IsMatch(repository))
        {
            throw JobmanException.Usage($"'{repository}' is not a valid repository name (lowercase letters, digits, '.', '_', '-' and '/')");
        }

        if (tag is not null && !Tag().IsMatch(tag))
        {
            throw JobmanException.Usage($"'{tag}' is not a valid tag (letters, digits, '_', '.', '-'; at most 128 characters)");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*\\z")]
    private static partial Regex Name();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\\z")]
    private static partial Regex Tag();
}
