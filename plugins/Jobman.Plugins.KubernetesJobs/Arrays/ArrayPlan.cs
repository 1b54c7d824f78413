namespace Jobman.Plugins.KubernetesJobs.Arrays;

/// <summary>Everything that makes a job an array.</summary>
/// <param name="Array">Task ids and how many run at once.</param>
/// <param name="Table">Per-index environment (<see cref="TaskTable"/>); null when task ids are 0..n-1 and there is no sweep.</param>
/// <param name="SweepFile">The sweep file's name, recorded on the job; null without a sweep.</param>
/// <param name="RetriesPerIndex">Retries of each index (<c>backoffLimitPerIndex</c>).</param>
/// <param name="MaxFailed">Fail the whole job once more indexes than this failed (<c>maxFailedIndexes</c>); null: run them all.</param>
internal sealed record ArrayPlan(ArraySpec Array, IReadOnlyDictionary<string, string>? Table, string? SweepFile, int RetriesPerIndex, int? MaxFailed)
{
    /// <summary>A plan for new tasks: the table is built when the tasks need one.</summary>
    public static ArrayPlan Create(ArraySpec array, SweepTable? sweep, int retriesPerIndex, int? maxFailed) =>
        new(array, sweep is not null || !array.IsDense ? TaskTable.Build(array, sweep) : null, sweep?.FileName, retriesPerIndex, maxFailed);
}
