using Jobman.Plugins.KubernetesQueue.Model;

namespace Jobman.Plugins.KubernetesQueue.Reporting;

/// <summary>The queue as a reader in one namespace sees it: rows per group, own jobs and their places in line.</summary>
internal sealed class QueueReport
{
    /// <summary>Older data than this is probably from a publisher that stopped running.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    private QueueReport(QueueSnapshot snapshot, string myNamespace, IReadOnlyList<QueueGroupRow> rows, DateTimeOffset now)
    {
        Snapshot = snapshot;
        MyNamespace = myNamespace;
        Rows = rows;
        Age = snapshot.Updated is { } u ? (now - u < TimeSpan.Zero ? TimeSpan.Zero : now - u) : null;
    }

    public QueueSnapshot Snapshot { get; }

    public string MyNamespace { get; }

    public IReadOnlyList<QueueGroupRow> Rows { get; }

    /// <summary>How old the data is; null when the document has no <c>updated</c>.</summary>
    public TimeSpan? Age { get; }

    public bool IsStale => Age is null || Age > StaleAfter;

    /// <summary>Positions are rounded when the publisher had to round creation times.</summary>
    public bool PositionsApproximate => Snapshot.TimeResolutionSeconds > 1;

    /// <summary>Jobs whose publisher recorded no phase (the 1.2.x CronJob): they count in TOTAL only.</summary>
    public long WithoutPhase { get; private init; }

    public static QueueReport Build(QueueSnapshot snapshot, string myNamespace, IReadOnlyList<string> gpuResources, DateTimeOffset now)
    {
        var rows = new Dictionary<string, QueueGroupRow>(StringComparer.Ordinal);
        var pendingByGroup = new Dictionary<string, List<QueueCohort>>(StringComparer.Ordinal);
        var withoutPhase = 0L;
        foreach (var cohort in snapshot.Cohorts)
        {
            var resources = GroupResources.From(cohort.Requests, gpuResources).ToString();
            var key = cohort.Flavor ?? resources;
            if (!rows.TryGetValue(key, out var row))
            {
                row = new QueueGroupRow(key, cohort.Flavor) { Mine = snapshot.HasNamespaces ? 0 : null };
                rows[key] = row;
                pendingByGroup[key] = [];
            }

            row.ResourceVariants[resources] = row.ResourceVariants.GetValueOrDefault(resources) + cohort.Count;
            row.Total += cohort.Count;
            if (row.Mine is not null && cohort.Namespace == myNamespace)
            {
                row.Mine += cohort.Count;
            }

            switch (cohort.Phase)
            {
                case QueuePhases.Pending:
                    row.Pending += cohort.Count;
                    pendingByGroup[key].Add(cohort);
                    break;
                case QueuePhases.Running:
                    row.Running += cohort.Count;
                    break;
                case null:
                    withoutPhase += cohort.Count;
                    break;
            }
        }

        foreach (var (key, row) in rows)
        {
            row.MyPositions = snapshot.HasPendingTimes && snapshot.HasNamespaces ? Positions(pendingByGroup[key], myNamespace) : null;
        }

        var ordered = rows.Values
            .OrderBy(r => r.Flavor is null)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        return new QueueReport(snapshot, myNamespace, ordered, now) { WithoutPhase = withoutPhase };
    }

    /// <summary>
    /// The line is the group's pending jobs by creation time (ties by namespace, then name); a job's place is one
    /// more than the number of jobs ahead of it.
    /// </summary>
    private static List<long> Positions(List<QueueCohort> pending, string myNamespace)
    {
        pending.Sort((a, b) =>
        {
            var byTime = (a.Created ?? DateTimeOffset.MaxValue).CompareTo(b.Created ?? DateTimeOffset.MaxValue);
            if (byTime != 0)
            {
                return byTime;
            }

            var byNamespace = string.CompareOrdinal(a.Namespace, b.Namespace);
            return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.Name, b.Name);
        });
        var positions = new List<long>();
        var ahead = 0L;
        foreach (var cohort in pending)
        {
            if (cohort.Namespace == myNamespace)
            {
                for (var i = 1; i <= cohort.Count; i++)
                {
                    positions.Add(ahead + i);
                }
            }

            ahead += cohort.Count;
        }

        return positions;
    }
}
