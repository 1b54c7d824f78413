using System.Net.Http.Headers;

namespace Jobman.Plugins.Harbor;

/// <summary>
/// Decides whether a Harbor list has another page. Harbor writes <c>X-Total-Count</c> and a <c>Link</c> header
/// (<c>&lt;...&gt;; rel="next"</c>) on every list. The client only asks for <c>page + 1</c> and never follows the
/// Link URL itself: Harbor builds it from the decoded request path, which would lose the double encoding of
/// nested repository names.
/// </summary>
internal static class HarborPaging
{
    /// <summary>Items per page: Harbor's maximum (above it Harbor answers 422).</summary>
    public const int PageSize = 100;

    /// <summary>True when another page follows the given one.</summary>
    /// <param name="headers">The response headers.</param>
    /// <param name="page">The 1-based page just read.</param>
    /// <param name="itemsOnPage">How many items it held.</param>
    /// <returns>Whether to ask for the next page.</returns>
    public static bool HasNextPage(HttpResponseHeaders headers, int page, int itemsOnPage)
    {
        if (itemsOnPage == 0)
        {
            return false;
        }

        if (headers.TryGetValues("Link", out var links))
        {
            return links.Any(HasNextRel);
        }

        if (headers.TryGetValues("X-Total-Count", out var totals) && long.TryParse(totals.FirstOrDefault(), out var total))
        {
            return (long)page * PageSize < total;
        }

        // No paging headers (a proxy stripped them?): a full page may be followed by more.
        return itemsOnPage >= PageSize;
    }

    private static bool HasNextRel(string linkHeader) =>
        linkHeader.Split(',').Any(part => part.Split(';').Skip(1)
            .Select(p => p.Trim().Replace(" ", "", StringComparison.Ordinal))
            .Any(p => p.Equals("rel=\"next\"", StringComparison.OrdinalIgnoreCase) || p.Equals("rel=next", StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// Encodes a repository name for a path segment as Harbor requires: twice, so <c>team/trainer</c> becomes
    /// <c>team%252Ftrainer</c> (Harbor's router decodes once, then the handler decodes again).
    /// </summary>
    /// <param name="repositoryName">The name without the project.</param>
    /// <returns>The path segment.</returns>
    public static string EncodeRepositoryName(string repositoryName) =>
        Uri.EscapeDataString(Uri.EscapeDataString(repositoryName));
}
