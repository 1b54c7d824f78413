using System.Globalization;

namespace Jobman.Plugins.KubernetesJobs.Arrays;

/// <summary>
/// Reads the Job controller's compressed index lists (<c>status.completedIndexes</c>, <c>failedIndexes</c>):
/// ascending, comma-separated, runs of three or more written <c>first-last</c>, e.g. <c>1,3-5,7,8</c>.
/// </summary>
internal static class IndexRanges
{
    /// <summary>Reads a compressed list; text that is not one (a newer or foreign format) gives an empty set.</summary>
    public static SortedSet<int> Parse(string? text)
    {
        var result = new SortedSet<int>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }

        foreach (var part in text.Split(','))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (!TryInt(dash < 0 ? part : part[..dash], out var first) || !TryInt(dash < 0 ? part : part[(dash + 1)..], out var last) || last < first || last - first > 1_000_000)
            {
                return [];
            }

            for (var i = first; i <= last; i++)
            {
                result.Add(i);
            }
        }

        return result;
    }

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
