using System.Globalization;
using System.Text.Json.Nodes;
using Jobman.Core.Commands;
using Jobman.Core.Output;
using Jobman.Plugins.History.Journal;

namespace Jobman.Plugins.History.Commands;

/// <summary>The history table (newest first) and the GPU-hours per flavor; or both as one JSON/YAML document.</summary>
internal static class HistoryView
{
    public static void Write(IReadOnlyList<JournalEntry> entries, IOutput output, string emptyMessage)
    {
        var totals = FlavorTotals(entries);
        if (output.Format is OutputFormat.Json or OutputFormat.Yaml)
        {
            output.WriteData(new JsonObject
            {
                ["jobs"] = new JsonArray(entries.Select(e => (JsonNode)ToJson(e)).ToArray()),
                ["totals"] = new JsonArray(totals.Select(t => (JsonNode)new JsonObject
                {
                    ["flavor"] = t.Flavor,
                    ["jobs"] = t.Jobs,
                    ["gpuHours"] = Math.Round(t.GpuHours, 3),
                }).ToArray()),
            });
            return;
        }

        var table = new TableView(
            new TableColumn("Name"),
            new TableColumn("Status"),
            new TableColumn("Reason"),
            new TableColumn("Exit"),
            new TableColumn("Flavor"),
            new TableColumn("GPUs"),
            new TableColumn("Submitted"),
            new TableColumn("Run time"),
            new TableColumn("GPU-hours"),
            new TableColumn("Namespace", WideOnly: true),
            new TableColumn("Cluster", WideOnly: true),
            new TableColumn("Image", WideOnly: true),
            new TableColumn("Digest", WideOnly: true),
            new TableColumn("Command", WideOnly: true))
        {
            EmptyMessage = emptyMessage,
        };
        foreach (var e in entries)
        {
            table.AddRow(
                e.Name,
                new TableCell(e.Status ?? "Unknown", ToneOf(e.Status)),
                Dash(e.Reason),
                e.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Dash(e.Flavor),
                e.Gpus is { } gpus ? gpus.ToString("0.##", CultureInfo.InvariantCulture) : "-",
                e.Submitted.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                e.RunTime is { } run ? RunTimeText.Format(run) : "-",
                Hours(e.GpuHours),
                e.Namespace,
                e.Context ?? e.Cluster,
                Dash(e.Image),
                Dash(e.Digest),
                Dash(e.Command));
        }

        output.WriteResult(table, () => null);
        if (entries.Count == 0)
        {
            return;
        }

        output.WriteLine();
        var totalsTable = new TableView(new TableColumn("Flavor"), new TableColumn("Jobs"), new TableColumn("GPU-hours"));
        foreach (var t in totals)
        {
            totalsTable.AddRow(t.Flavor ?? "-", t.Jobs.ToString(CultureInfo.InvariantCulture), Hours(t.GpuHours));
        }

        totalsTable.AddRow("total", entries.Count.ToString(CultureInfo.InvariantCulture), Hours(totals.Sum(t => t.GpuHours)));
        output.WriteResult(totalsTable, () => null);
    }

    private static List<FlavorTotal> FlavorTotals(IEnumerable<JournalEntry> entries) =>
        entries.GroupBy(e => e.Flavor, StringComparer.Ordinal)
            .Select(g => new FlavorTotal(g.Key, g.Count(), g.Sum(e => e.GpuHours)))
            .OrderByDescending(t => t.GpuHours).ThenBy(t => t.Flavor, StringComparer.Ordinal)
            .ToList();

    private static JsonObject ToJson(JournalEntry e) => new()
    {
        ["name"] = e.Name,
        ["namespace"] = e.Namespace,
        ["cluster"] = e.Cluster,
        ["context"] = e.Context,
        ["uid"] = e.Uid,
        ["status"] = e.Status,
        ["reason"] = string.IsNullOrEmpty(e.Reason) ? null : e.Reason,
        ["exitCode"] = e.ExitCode,
        ["image"] = e.Image,
        ["imageDigest"] = e.Digest,
        ["flavor"] = e.Flavor,
        ["resources"] = e.Resources,
        ["gpus"] = e.Gpus,
        ["command"] = e.Command,
        ["submitted"] = Iso(e.Submitted),
        ["started"] = Iso(e.Started),
        ["ended"] = Iso(e.Ended),
        ["lastSeen"] = Iso(e.LastSeen),
        ["runSeconds"] = e.RunTime is { } run ? (long)run.TotalSeconds : null,
        ["gpuHours"] = Math.Round(e.GpuHours, 3),
    };

    private static string? Iso(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Hours(double hours) => hours.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Dash(string? text) => string.IsNullOrEmpty(text) ? "-" : text;

    private static Tone ToneOf(string? status) => status switch
    {
        "Succeeded" => Tone.Good,
        "Failed" => Tone.Bad,
        "Pending" or "Queued" => Tone.Attention,
        null or "Unknown" => Tone.Muted,
        _ => Tone.Plain,
    };

    private sealed record FlavorTotal(string? Flavor, int Jobs, double GpuHours);
}
