using System.Globalization;
using Jobman.Core;
using Jobman.Plugins.KubernetesJobs.Arrays;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;

namespace Jobman.Plugins.KubernetesJobs.Rerun;

/// <summary>
/// The array a rerun runs: all the old tasks, or (<c>--failed-indexes</c>) those that did not succeed, keeping each
/// task's id and variables — a task keeps its identity whatever completion index it gets in the new job.
/// </summary>
internal static class RerunArrayPlanner
{
    /// <param name="old">The job re-run.</param>
    /// <param name="array">Its array status.</param>
    /// <param name="oldTable">Its task table, when it had one.</param>
    /// <param name="failedOnly">Only the tasks that did not succeed.</param>
    /// <param name="retries">Retries per task (<c>--retries</c>); null: as the old job had them.</param>
    /// <returns>The plan, or null when there is nothing left to run.</returns>
    public static ArrayPlan? Plan(SlimJob old, ArrayStatus array, IReadOnlyDictionary<string, string>? oldTable, bool failedOnly, int? retries = null)
    {
        var indexes = Enumerable.Range(0, array.Count).Where(i => !failedOnly || !array.Succeeded.Contains(i)).ToList();
        if (indexes.Count == 0)
        {
            return null;
        }

        var spec = old.Spec;
        var tasks = new ArraySpec(indexes.Select(i => array.TaskIds[i]).ToList(), spec?.Parallelism);
        var maxFailed = spec?.MaxFailedIndexes is { } limit && limit < indexes.Count ? limit : (int?)null;
        retries ??= spec?.BackoffLimitPerIndex ?? spec?.BackoffLimit ?? 0;
        IReadOnlyDictionary<string, string>? table = null;
        if (oldTable is not null)
        {
            table = indexes.Select((oldIndex, newIndex) => KeyValuePair.Create(Key(newIndex), oldTable.GetValueOrDefault(Key(oldIndex))
                ?? throw new JobmanException($"the task table of job '{old.Metadata?.Name}' has no entry for index {oldIndex}; it cannot be re-run as it was")))
                .ToDictionary(StringComparer.Ordinal);
        }
        else if (!tasks.IsDense)
        {
            table = TaskTable.Build(tasks, sweep: null);
        }

        return new ArrayPlan(tasks, table, old.Metadata?.Annotations?.GetValueOrDefault(ArrayKeys.SweepAnnotation), retries.Value, maxFailed);
    }

    private static string Key(int index) => index.ToString(CultureInfo.InvariantCulture) + ".env";
}
