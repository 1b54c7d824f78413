using System.Globalization;
using System.Text.Json.Nodes;
using Jobman.Core.Output;
using Jobman.Kubernetes.Kueue;

namespace Jobman.Plugins.KubernetesQueue.Kueue;

/// <summary>
/// <c>jobman queue</c> on a Kueue cluster: one table of queues (cluster-wide and own counts, own positions) and one of
/// quota and usage per flavor and resource; the JSON/YAML document carries both with Kueue's own 0-based positions.
/// </summary>
internal static class KueueQueueView
{
    private const int PositionsShown = 8;
    private const string Unknown = "?";

    public static TableView Queues(KueueQueueReport report)
    {
        var table = new TableView(
            new TableColumn("LocalQueue"), new TableColumn("ClusterQueue"), new TableColumn("Pending"), new TableColumn("Admitted"),
            new TableColumn("Mine pending"), new TableColumn("Mine admitted"), new TableColumn("My positions"));
        foreach (var row in report.Rows)
        {
            var active = row.LocalQueue.Conditions.FirstOrDefault(c => c.Type == "Active");
            table.AddRow(
                active is { Status: false } ? new TableCell($"{row.LocalQueue.Name} (inactive)", Tone.Attention) : new TableCell(row.LocalQueue.Name),
                row.LocalQueue.ClusterQueue,
                row.ClusterQueue is { } cq ? Count(cq.Pending) : Unknown,
                row.ClusterQueue is { } admitted ? Count(admitted.Admitted) : Unknown,
                Count(row.LocalQueue.Pending),
                Count(row.LocalQueue.Admitted),
                Positions(row.Pending));
        }

        table.Footer.Add($"PENDING and ADMITTED count the whole ClusterQueue; MINE the LocalQueues of namespace '{report.Namespace}'.");
        table.Footer.Add("MY POSITIONS: places in line of your waiting jobs in their ClusterQueue, 1 = next (Kueue's visibility API).");
        foreach (var row in report.Rows.Where(r => r.LocalQueue.Conditions.FirstOrDefault(c => c.Type == "Active") is { Status: false }))
        {
            var why = row.LocalQueue.Conditions.First(c => c.Type == "Active");
            table.Footer.Add($"LocalQueue '{row.LocalQueue.Name}' is inactive: {(why.Message.Length > 0 ? why.Message : why.Reason)}.");
        }

        return table;
    }

    public static TableView Flavors(KueueQueueReport report)
    {
        var table = new TableView(
            new TableColumn("LocalQueue"), new TableColumn("Flavor"), new TableColumn("Resource"), new TableColumn("Quota"), new TableColumn("Used"), new TableColumn("Mine"))
        {
            EmptyMessage = "(no flavor usage reported yet)",
        };
        foreach (var row in report.Rows)
        {
            foreach (var entry in Entries(row))
            {
                table.AddRow(row.LocalQueue.Name, entry.Flavor, entry.Resource, entry.Quota ?? Unknown, entry.Used ?? Unknown, entry.Mine);
            }
        }

        table.Footer.Add("QUOTA is the ClusterQueue's nominal quota, USED what all its admitted jobs hold, MINE what your LocalQueue's hold.");
        return table;
    }

    public static JsonNode Data(KueueQueueReport report) => new JsonObject
    {
        ["source"] = "kueue",
        ["namespace"] = report.Namespace,
        ["localQueues"] = new JsonArray(report.Rows.Select(row => (JsonNode)new JsonObject
        {
            ["name"] = row.LocalQueue.Name,
            ["clusterQueue"] = row.LocalQueue.ClusterQueue,
            ["clusterQueuePending"] = row.ClusterQueue?.Pending,
            ["clusterQueueAdmitted"] = row.ClusterQueue?.Admitted,
            ["pending"] = row.LocalQueue.Pending,
            ["admitted"] = row.LocalQueue.Admitted,
            ["pendingWorkloads"] = row.Pending is null ? null : new JsonArray(row.Pending.Select(p => (JsonNode)new JsonObject
            {
                ["workload"] = p.Name,
                ["job"] = p.JobName,
                ["priority"] = p.Priority,
                ["positionInClusterQueue"] = p.PositionInClusterQueue,
                ["positionInLocalQueue"] = p.PositionInLocalQueue,
            }).ToArray()),
            ["flavors"] = new JsonArray(Entries(row).Select(e => (JsonNode)new JsonObject
            {
                ["flavor"] = e.Flavor,
                ["resource"] = e.Resource,
                ["quota"] = e.Quota,
                ["used"] = e.Used,
                ["mine"] = e.Mine,
            }).ToArray()),
        }).ToArray()),
        ["notes"] = new JsonArray(report.Notes.Select(n => (JsonNode)n).ToArray()),
    };

    private sealed record Entry(string Flavor, string Resource, string? Quota, string? Used, string Mine);

    /// <summary>The ClusterQueue's flavors and resources when it is readable, else those the LocalQueue reports.</summary>
    private static IEnumerable<Entry> Entries(KueueQueueRow row)
    {
        var mine = row.LocalQueue.Usage.ToDictionary(u => (u.Flavor, u.Resource), u => u.Used);
        if (row.ClusterQueue is { } cq)
        {
            return cq.Quota.Select(q => new Entry(q.Flavor, q.Resource, q.Quota, q.Used, mine.GetValueOrDefault((q.Flavor, q.Resource)) ?? "0"));
        }

        return row.LocalQueue.Usage.Select(u => new Entry(u.Flavor, u.Resource, null, null, u.Used));
    }

    private static string Positions(IReadOnlyList<KueuePendingWorkload>? pending)
    {
        if (pending is null)
        {
            return Unknown;
        }

        if (pending.Count == 0)
        {
            return "-";
        }

        var positions = pending.Select(p => p.PositionInClusterQueue + 1).Order().ToList();
        var shown = string.Join(", ", positions.Take(PositionsShown).Select(Count));
        return positions.Count > PositionsShown ? $"{shown}, ... (+{Count(positions.Count - PositionsShown)})" : shown;
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
