using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Jobman.Plugins.OciRegistry;

/// <summary>Reads the <c>Link: &lt;/v2/...?last=X&amp;n=100&gt;; rel="next"</c> pagination header of the registry API.</summary>
internal static partial class LinkHeader
{
    public static string? Next(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            foreach (Match match in NextLink().Matches(value))
            {
                return match.Groups["url"].Value;
            }
        }

        return null;
    }

    [GeneratedRegex("""<(?<url>[^>]*)>\s*;[^,]*\brel\s*=\s*"?next"?""", RegexOptions.IgnoreCase)]
    private static partial Regex NextLink();
}
