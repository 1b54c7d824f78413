namespace Jobman.Core.Text;

/// <summary>
/// Suggests the closest known words for a typo ("Did you mean ...?"), so the host and plugins phrase suggestions
/// for commands, options, images and tags the same way.
/// </summary>
public static class NearestMatch
{
    /// <summary>The known words within a small edit distance of <paramref name="typed"/>, closest first.</summary>
    /// <param name="typed">What the user typed.</param>
    /// <param name="known">The valid words.</param>
    /// <param name="key">The part of each known word to compare (default: the whole word).</param>
    /// <returns>Up to three suggestions.</returns>
    public static IReadOnlyList<string> Find(string typed, IEnumerable<string> known, Func<string, string>? key = null)
    {
        key ??= static word => word;
        return known.Distinct(StringComparer.Ordinal)
            .Select(word => (Word: word, Key: key(word)))
            .Select(p => (p.Word, p.Key, Distance: Distance(typed, p.Key)))
            .Where(p => p.Distance <= Math.Max(2, typed.Length / 3) || p.Key.StartsWith(typed, StringComparison.Ordinal))
            .OrderBy(p => p.Distance)
            .ThenBy(p => p.Word, StringComparer.Ordinal)
            .Select(p => p.Word)
            .Take(3)
            .ToList();
    }

    /// <summary>Levenshtein distance.</summary>
    /// <param name="a">First word.</param>
    /// <param name="b">Second word.</param>
    /// <returns>The number of single-character edits.</returns>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
