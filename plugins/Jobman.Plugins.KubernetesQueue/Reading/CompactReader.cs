using System.Text.Json.Nodes;
using Jobman.Plugins.KubernetesQueue.Model;

namespace Jobman.Plugins.KubernetesQueue.Reading;

/// <summary>Reads the <c>compact</c> object written by <see cref="Publishing.CompactQueueEncoder"/>.</summary>
internal static class CompactReader
{
    public static QueueSnapshot Read(JsonObject compact, DateTimeOffset? updated, List<QueueCohort> cohorts)
    {
        var timeBase = QueueDocumentReader.ReadTime(compact[QueueJsonNames.TimeBase], "compact.timeBase") ?? updated ?? DateTimeOffset.UnixEpoch;
        var resolution = (int)ReadCount(compact[QueueJsonNames.TimeResolution], "compact.timeResolution", 1);
        if (resolution < 1)
        {
            throw new QueueFormatException("compact.timeResolution must be at least 1");
        }

        if (compact[QueueJsonNames.Groups] is not JsonArray groupList || compact[QueueJsonNames.Rows] is not JsonArray rows)
        {
            throw new QueueFormatException("compact needs 'groups' and 'rows' lists");
        }

        var groups = new List<(string? Flavor, IReadOnlyDictionary<string, string> Requests)>();
        for (var i = 0; i < groupList.Count; i++)
        {
            var where = $"compact.groups[{i}]";
            if (groupList[i] is not JsonObject g)
            {
                throw new QueueFormatException($"{where} is not an object");
            }

            groups.Add((QueueDocumentReader.ReadString(g[QueueJsonNames.Flavor], where + ".flavor"),
                QueueDocumentReader.ReadRequests(g[QueueJsonNames.Requests], where + ".requests")));
        }

        var hasTimes = true;
        var hasNamespaces = true;
        for (var i = 0; i < rows.Count; i++)
        {
            var where = $"compact.rows[{i}]";
            if (rows[i] is not JsonObject row)
            {
                throw new QueueFormatException($"{where} is not an object");
            }

            var ns = QueueDocumentReader.ReadString(row[QueueJsonNames.Namespace], where + ".namespace") ?? string.Empty;
            hasNamespaces &= ns != QueueJsonNames.AllNamespaces;
            var groupIndex = ReadCount(row[QueueJsonNames.Group], where + ".group", -1);
            if (groupIndex < 0 || groupIndex >= groups.Count)
            {
                throw new QueueFormatException($"{where}.group does not name an entry of compact.groups");
            }

            var (flavor, requests) = groups[(int)groupIndex];
            var pending = ReadCount(row[QueueJsonNames.Pending], where + ".pending", 0);
            var running = ReadCount(row[QueueJsonNames.Running], where + ".running", 0);
            var other = ReadCount(row[QueueJsonNames.Other], where + ".other", 0);
            if (running > 0)
            {
                cohorts.Add(new QueueCohort(ns, flavor, requests, QueuePhases.Running, null, running));
            }

            if (other > 0)
            {
                cohorts.Add(new QueueCohort(ns, flavor, requests, null, null, other));
            }

            var timed = 0L;
            if (row[QueueJsonNames.PendingCreated] is JsonArray runs)
            {
                if (runs.Count % 2 != 0)
                {
                    throw new QueueFormatException($"{where}.pendingCreated must hold (delta, count) pairs");
                }

                var units = 0L;
                for (var k = 0; k < runs.Count; k += 2)
                {
                    units += ReadCount(runs[k], $"{where}.pendingCreated[{k}]", 0);
                    var count = ReadCount(runs[k + 1], $"{where}.pendingCreated[{k + 1}]", 0);
                    cohorts.Add(new QueueCohort(ns, flavor, requests, QueuePhases.Pending, timeBase.AddSeconds((double)units * resolution), count));
                    timed += count;
                }
            }
            else if (pending > 0)
            {
                hasTimes = false;
            }

            if (pending > timed)
            {
                cohorts.Add(new QueueCohort(ns, flavor, requests, QueuePhases.Pending, null, pending - timed));
            }
        }

        return new QueueSnapshot(updated, cohorts, QueueForm.Compact)
        {
            TimeResolutionSeconds = resolution,
            HasPendingTimes = hasTimes,
            HasNamespaces = hasNamespaces,
        };
    }

    private static long ReadCount(JsonNode? node, string where, long fallback) => node switch
    {
        null => fallback,
        JsonValue v when v.TryGetValue<long>(out var n) && n >= 0 => n,
        _ => throw new QueueFormatException($"{where} is not a non-negative integer"),
    };
}
