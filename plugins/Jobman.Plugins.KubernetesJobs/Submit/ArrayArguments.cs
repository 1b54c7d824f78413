using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Plugins.KubernetesJobs.Arrays;

namespace Jobman.Plugins.KubernetesJobs.Submit;

/// <summary>Reads <c>--array</c>, <c>--sweep</c>, <c>--max-failed</c> (and <c>--retries</c> per task) into an <see cref="ArrayPlan"/>.</summary>
internal static class ArrayArguments
{
    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Value("array", "IDS", "Run a job array (one Indexed Job): task ids as in SLURM, e.g. 0-99, 1,4,9, 0-20:5, with %N to run at most N at once (0-99%8); each task sees JOBMAN_ARRAY_TASK_ID."),
        OptionSpec.Value("sweep", "FILE", "Run one task per row of a CSV file (header row = variable names) or a YAML list of maps; each task sees its row as environment variables. With --array, picks rows (from 0) and %N."),
        OptionSpec.Value("max-failed", "N", "For arrays: stop the whole job once more than N tasks failed (maxFailedIndexes)."),
    ];

    /// <summary>The array to run, or null for a single job.</summary>
    /// <exception cref="JobmanException">Invalid values or combinations (exit code 2).</exception>
    public static ArrayPlan? Parse(CommandInvocation invocation, int retries)
    {
        var arrayText = invocation.Value("array");
        var sweepPath = invocation.Value("sweep");
        var maxFailed = SubmitArguments.NonNegativeInt(invocation.Value("max-failed"), "--max-failed");
        if (arrayText is null && sweepPath is null)
        {
            return maxFailed is null ? null : throw JobmanException.Usage("--max-failed is for job arrays: add --array or --sweep");
        }

        var sweep = sweepPath is null ? null : SweepTable.Load(sweepPath);
        var array = arrayText is null
            ? ArraySpec.Parse("%" + sweep!.Rows.Count, sweep.Rows.Count)
            : ArraySpec.Parse(arrayText, sweep?.Rows.Count);
        if (maxFailed >= array.TaskIds.Count)
        {
            throw JobmanException.Usage($"--max-failed {maxFailed} must be less than the number of tasks ({array.TaskIds.Count})");
        }

        var plan = ArrayPlan.Create(array, sweep, retries, maxFailed);
        if (plan.Table is not null && invocation.CommandArguments.Count == 0)
        {
            throw JobmanException.Usage(ArrayManifest.NeedsCommand);
        }

        return plan;
    }
}
