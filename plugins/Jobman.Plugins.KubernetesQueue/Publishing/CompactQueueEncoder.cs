using System.Text.Json;
using Jobman.Plugins.KubernetesQueue.Model;

namespace Jobman.Plugins.KubernetesQueue.Publishing;

/// <summary>
/// Writes the compact form: a <c>groups</c> table (flavor + requests, written once) and one row per
/// namespace and group with pending/running/other counts, plus the pending jobs' creation times as run-length
/// pairs <c>[delta, count, delta, count, ...]</c> in units of <c>timeResolution</c> seconds counted from
/// <c>timeBase</c> (each delta is relative to the previous run). That is enough for any reader to compute its own
/// jobs' places in line without one entry per job.
/// </summary>
internal static class CompactQueueEncoder
{
    public static byte[] Encode(IReadOnlyList<QueueJob> jobs, DateTimeOffset updated, CompactDetail detail)
    {
        var groups = new List<QueueJob>();
        var groupIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new SortedDictionary<(string Namespace, int Group), Row>(Comparer<(string Namespace, int Group)>.Create(
            (a, b) => string.CompareOrdinal(a.Namespace, b.Namespace) is var c && c != 0 ? c : a.Group.CompareTo(b.Group)));
        var earliest = updated;
        foreach (var job in jobs)
        {
            var key = GroupKey(job);
            if (!groupIndex.TryGetValue(key, out var index))
            {
                index = groups.Count;
                groupIndex[key] = index;
                groups.Add(job);
            }

            var ns = detail.KeepNamespaces ? job.Namespace : QueueJsonNames.AllNamespaces;
            if (!rows.TryGetValue((ns, index), out var row))
            {
                row = new Row();
                rows[(ns, index)] = row;
            }

            switch (job.Phase)
            {
                case QueuePhases.Pending:
                    row.PendingTimes.Add(job.Created ?? updated);
                    if ((job.Created ?? updated) < earliest)
                    {
                        earliest = job.Created ?? updated;
                    }

                    break;
                case QueuePhases.Running:
                    row.Running++;
                    break;
                default:
                    row.Other++;
                    break;
            }
        }

        var resolution = detail.TimeResolutionSeconds;
        var baseSeconds = earliest.ToUnixTimeSeconds() / resolution * resolution;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString(QueueJsonNames.Updated, FullQueueEncoder.FormatTime(updated));
            w.WriteString(QueueJsonNames.Format, QueueJsonNames.CompactFormat);
            // An empty list keeps the document readable (as an empty queue) by readers that only know 'jobs'.
            w.WriteStartArray(QueueJsonNames.Jobs);
            w.WriteEndArray();
            w.WriteStartObject(QueueJsonNames.Compact);
            w.WriteString(QueueJsonNames.TimeBase, FullQueueEncoder.FormatTime(DateTimeOffset.FromUnixTimeSeconds(baseSeconds)));
            w.WriteNumber(QueueJsonNames.TimeResolution, resolution);
            w.WriteStartArray(QueueJsonNames.Groups);
            foreach (var g in groups)
            {
                w.WriteStartObject();
                w.WriteString(QueueJsonNames.Flavor, g.Flavor);
                FullQueueEncoder.WriteRequests(w, g.Requests);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray(QueueJsonNames.Rows);
            foreach (var ((ns, group), row) in rows)
            {
                w.WriteStartObject();
                w.WriteString(QueueJsonNames.Namespace, ns);
                w.WriteNumber(QueueJsonNames.Group, group);
                w.WriteNumber(QueueJsonNames.Pending, row.PendingTimes.Count);
                w.WriteNumber(QueueJsonNames.Running, row.Running);
                w.WriteNumber(QueueJsonNames.Other, row.Other);
                if (detail.KeepPendingTimes && row.PendingTimes.Count > 0)
                {
                    WriteRuns(w, row.PendingTimes, baseSeconds, resolution);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteRuns(Utf8JsonWriter w, List<DateTimeOffset> times, long baseSeconds, int resolution)
    {
        var units = times.Select(t => (t.ToUnixTimeSeconds() - baseSeconds) / resolution).Order().ToList();
        w.WriteStartArray(QueueJsonNames.PendingCreated);
        var previous = 0L;
        var i = 0;
        while (i < units.Count)
        {
            var value = units[i];
            var count = 0;
            while (i < units.Count && units[i] == value)
            {
                count++;
                i++;
            }

            w.WriteNumberValue(value - previous);
            w.WriteNumberValue(count);
            previous = value;
        }

        w.WriteEndArray();
    }

    private static string GroupKey(QueueJob job) =>
        job.Flavor + "\n" + string.Join("\n", job.Requests.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));

    private sealed class Row
    {
        public List<DateTimeOffset> PendingTimes { get; } = [];

        public long Running { get; set; }

        public long Other { get; set; }
    }
}
