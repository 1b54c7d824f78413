using System.Globalization;
using Jobman.Core;

namespace Jobman.Plugins.KubernetesJobs.Arrays;

/// <summary>
/// A job array in SLURM's <c>--array</c> syntax: comma-separated task ids, ranges <c>0-99</c> and stepped ranges
/// <c>0-20:5</c>, optionally followed by <c>%N</c>, how many run at once. Task ids run in ascending order; each becomes
/// one completion index of an Indexed Job (index i runs the i-th task id).
/// </summary>
internal sealed record ArraySpec(IReadOnlyList<int> TaskIds, int? Parallelism)
{
    /// <summary>Kubernetes' limit on the completions of an Indexed Job.</summary>
    public const int MaxTasks = 100_000;

    /// <summary>The largest task id accepted (SLURM's default MaxArraySize is far lower).</summary>
    public const int MaxTaskId = 9_999_999;

    /// <summary>True when task id i is completion index i (0..n-1): no table is needed to tell one from the other.</summary>
    public bool IsDense => TaskIds.Count > 0 && TaskIds[0] == 0 && TaskIds[^1] == TaskIds.Count - 1;

    /// <summary>The task ids in SLURM's syntax without the <c>%N</c> (what the job's annotation keeps).</summary>
    public string IdsText => Compact(TaskIds);

    /// <summary>
    /// Parses <paramref name="text"/>. With <paramref name="rowCount"/> (a sweep) a bare <c>%N</c> means every row,
    /// and task ids must be row numbers (0-based).
    /// </summary>
    /// <exception cref="JobmanException">When it is not valid (exit code 2).</exception>
    public static ArraySpec Parse(string text, int? rowCount = null)
    {
        var source = text.Trim();
        int? parallelism = null;
        var percent = source.IndexOf('%', StringComparison.Ordinal);
        if (percent >= 0)
        {
            var limit = source[(percent + 1)..];
            if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p < 1)
            {
                throw Invalid(text, $"'%{limit}' must be '%' followed by a whole number of 1 or more (how many tasks run at once)");
            }

            parallelism = p;
            source = source[..percent];
        }

        if (source.Length == 0)
        {
            if (rowCount is { } rows && percent >= 0)
            {
                return new ArraySpec(Enumerable.Range(0, rows).ToList(), parallelism);
            }

            throw Invalid(text, "no task ids: use e.g. 0-99, 1,4,9 or 0-20:5, optionally followed by %N");
        }

        var ids = new SortedSet<int>();
        foreach (var part in source.Split(','))
        {
            AddPart(part, text, ids);
            if (ids.Count > MaxTasks)
            {
                throw Invalid(text, $"more than {MaxTasks} tasks (Kubernetes' limit for one Indexed Job)");
            }
        }

        if (rowCount is { } count && ids.Max >= count)
        {
            throw Invalid(text, $"task id {ids.Max} has no row: the sweep file has {count} row(s), numbered from 0");
        }

        return new ArraySpec(ids.ToList(), parallelism);
    }

    /// <summary>The ids in the shortest SLURM spelling: runs as <c>a-b</c>, evenly stepped runs as <c>a-b:s</c>.</summary>
    public static string Compact(IReadOnlyList<int> ids)
    {
        var parts = new List<string>();
        var i = 0;
        while (i < ids.Count)
        {
            var j = i + 1;
            if (j < ids.Count)
            {
                var step = ids[j] - ids[i];
                while (j + 1 < ids.Count && ids[j + 1] - ids[j] == step)
                {
                    j++;
                }

                if (j - i >= 2 || step == 1)
                {
                    parts.Add(step == 1 ? $"{ids[i]}-{ids[j]}" : $"{ids[i]}-{ids[j]}:{step}");
                    i = j + 1;
                    continue;
                }
            }

            parts.Add(ids[i].ToString(CultureInfo.InvariantCulture));
            i++;
        }

        return string.Join(',', parts);
    }

    private static void AddPart(string part, string text, SortedSet<int> ids)
    {
        var colon = part.IndexOf(':', StringComparison.Ordinal);
        var range = colon < 0 ? part : part[..colon];
        var step = 1;
        if (colon >= 0 && (!int.TryParse(part[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1))
        {
            throw Invalid(text, $"'{part}': the step after ':' must be a whole number of 1 or more");
        }

        var dash = range.IndexOf('-', StringComparison.Ordinal);
        var first = Id(dash < 0 ? range : range[..dash], part, text);
        var last = dash < 0 ? first : Id(range[(dash + 1)..], part, text);
        if (dash < 0 && colon >= 0)
        {
            throw Invalid(text, $"'{part}': a step needs a range, e.g. 0-20:5");
        }

        if (last < first)
        {
            throw Invalid(text, $"'{part}': the range ends before it starts");
        }

        for (long id = first; id <= last; id += step)
        {
            ids.Add((int)id);
            if (ids.Count > MaxTasks)
            {
                return;
            }
        }
    }

    private static int Id(string value, string part, string text) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id <= MaxTaskId
            ? id
            : throw Invalid(text, $"'{part}': task ids are whole numbers from 0 to {MaxTaskId}");

    private static JobmanException Invalid(string text, string problem) =>
        JobmanException.Usage($"--array '{Jobman.Core.Text.TerminalText.OneLine(text)}' is not valid: {Jobman.Core.Text.TerminalText.OneLine(problem)}");
}
