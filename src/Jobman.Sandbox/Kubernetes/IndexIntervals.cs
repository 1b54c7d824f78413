using System.Globalization;
using System.Text;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// A set of completion indexes in the text format of <c>status.completedIndexes</c> / <c>status.failedIndexes</c>:
/// ascending intervals separated by commas, where three or more consecutive indexes are written <c>first-last</c>
/// and two are written <c>first,last</c> (upstream's orderedIntervals.String), e.g. <c>"1,3-5,7"</c>.
/// </summary>
internal sealed class IndexIntervals
{
    private readonly SortedSet<int> _indexes;

    private IndexIntervals(SortedSet<int> indexes) => _indexes = indexes;

    public static IndexIntervals Empty => new([]);

    public int Count => _indexes.Count;

    public IEnumerable<int> Indexes => _indexes;

    public static IndexIntervals Of(IEnumerable<int> indexes) => new(new SortedSet<int>(indexes));

    /// <summary>
    /// Reads the status text back, keeping only indexes below <paramref name="completions"/> (an elastic job scaled
    /// down forgets the rest); a corrupted interval is skipped as the controller does.
    /// </summary>
    public static IndexIntervals Parse(string? text, int completions = int.MaxValue)
    {
        var result = new SortedSet<int>();
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-');
            if (!int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first))
            {
                continue;
            }

            var last = first;
            if (bounds.Length > 1 && !int.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out last))
            {
                continue;
            }

            for (var i = first; i <= Math.Min(last, completions - 1); i++)
            {
                result.Add(i);
            }
        }

        return new IndexIntervals(result);
    }

    public bool Contains(int index) => _indexes.Contains(index);

    /// <summary>Adds <paramref name="index"/>; false when it was already there.</summary>
    public bool Add(int index) => _indexes.Add(index);

    public override string ToString()
    {
        var text = new StringBuilder();
        using var e = _indexes.GetEnumerator();
        if (!e.MoveNext())
        {
            return string.Empty;
        }

        var first = e.Current;
        var last = first;
        while (e.MoveNext())
        {
            if (e.Current == last + 1)
            {
                last = e.Current;
                continue;
            }

            Append(text, first, last);
            first = last = e.Current;
        }

        Append(text, first, last);
        return text.ToString();
    }

    private static void Append(StringBuilder text, int first, int last)
    {
        if (text.Length > 0)
        {
            text.Append(',');
        }

        text.Append(first.ToString(CultureInfo.InvariantCulture));
        if (last > first)
        {
            text.Append(last == first + 1 ? ',' : '-').Append(last.ToString(CultureInfo.InvariantCulture));
        }
    }
}
