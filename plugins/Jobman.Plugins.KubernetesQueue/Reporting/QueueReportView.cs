using System.Globalization;
using System.Text.Json.Nodes;
using Jobman.Core.Output;
using Jobman.Plugins.KubernetesQueue.Model;
using Jobman.Plugins.KubernetesQueue.Publishing;

namespace Jobman.Plugins.KubernetesQueue.Reporting;

/// <summary>Turns a <see cref="QueueReport"/> into the table and the JSON/YAML document of <c>jobman queue</c>.</summary>
internal static class QueueReportView
{
    private const int PositionsShown = 8;
    private const string ConflictMarker = " (!)";

    public static TableView Table(QueueReport report)
    {
        var table = new TableView(
            new TableColumn("Flavor"), new TableColumn("CPU/Memory/GPU"), new TableColumn("Pending"), new TableColumn("Running"),
            new TableColumn("Total"), new TableColumn("Mine"), new TableColumn("My positions"))
        {
            EmptyMessage = "The queue is empty: no active jobs.",
        };
        foreach (var row in report.Rows)
        {
            table.AddRow(
                row.HasConflict ? new TableCell((row.Flavor ?? "<none>") + ConflictMarker, Tone.Attention) : new TableCell(row.Flavor ?? "<none>"),
                row.Resources,
                Count(row.Pending),
                Count(row.Running),
                Count(row.Total),
                row.Mine is { } mine ? Count(mine) : "?",
                PositionsText(row.MyPositions, report.PositionsApproximate));
        }

        if (report.Rows.Count > 0)
        {
            table.Footer.Add($"MINE and MY POSITIONS are for namespace '{report.MyNamespace}'; a position is the place in line among the pending jobs of the same row, oldest first.");
            if (report.Rows.Any(r => r.HasConflict))
            {
                table.Footer.Add("(!) this flavor name is used with different resources; its counts mix them.");
            }

            if (report.WithoutPhase > 0)
            {
                table.Footer.Add($"{Count(report.WithoutPhase)} jobs have no phase (older publisher): they count in TOTAL only.");
            }

            if (report.PositionsApproximate)
            {
                table.Footer.Add($"~ positions are approximate: the publisher rounded creation times to {report.Snapshot.TimeResolutionSeconds}s to fit the ConfigMap.");
            }
        }

        table.Footer.Add(UpdatedLine(report));
        return table;
    }

    public static JsonNode Data(QueueReport report) => new JsonObject
    {
        ["updated"] = report.Snapshot.Updated is { } u ? FullQueueEncoder.FormatTime(u) : null,
        ["ageSeconds"] = report.Age is { } age ? (long)age.TotalSeconds : null,
        ["stale"] = report.IsStale,
        ["namespace"] = report.MyNamespace,
        ["form"] = report.Snapshot.Form == QueueForm.Full ? "full" : "compact",
        ["positionsApproximate"] = report.PositionsApproximate,
        ["groups"] = new JsonArray(report.Rows.Select(r => (JsonNode)new JsonObject
        {
            ["flavor"] = r.Flavor,
            ["resources"] = r.Resources,
            ["pending"] = r.Pending,
            ["running"] = r.Running,
            ["total"] = r.Total,
            ["mine"] = r.Mine,
            ["myPositions"] = r.MyPositions is null ? null : new JsonArray(r.MyPositions.Select(p => (JsonNode)p).ToArray()),
            ["conflictingResources"] = r.HasConflict
                ? new JsonObject(r.ResourceVariants.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)))
                : null,
        }).ToArray()),
    };

    public static string UpdatedLine(QueueReport report) => report.Snapshot.Updated is { } updated
        ? $"Queue updated {Ago(report.Age!.Value)} ({updated.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC)."
        : "Queue update time unknown (the document has no 'updated').";

    /// <summary>"45s ago", "2m ago", "3h 5m ago", "2d 4h ago".</summary>
    public static string Ago(TimeSpan age) => age switch
    {
        { TotalSeconds: < 60 } => $"{(int)age.TotalSeconds}s ago",
        { TotalMinutes: < 60 } => $"{(int)age.TotalMinutes}m ago",
        { TotalHours: < 24 } => age.Minutes == 0 ? $"{(int)age.TotalHours}h ago" : $"{(int)age.TotalHours}h {age.Minutes}m ago",
        _ => age.Hours == 0 ? $"{(int)age.TotalDays}d ago" : $"{(int)age.TotalDays}d {age.Hours}h ago",
    };

    private static string PositionsText(List<long>? positions, bool approximate)
    {
        if (positions is null)
        {
            return "?";
        }

        if (positions.Count == 0)
        {
            return "-";
        }

        var prefix = approximate ? "~" : string.Empty;
        var shown = string.Join(", ", positions.Take(PositionsShown).Select(p => prefix + Count(p)));
        return positions.Count > PositionsShown ? $"{shown}, ... (+{Count(positions.Count - PositionsShown)})" : shown;
    }

    private static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);
}
