namespace Jobman.Plugins.KubernetesJobs.Arrays;

/// <summary>Names jobman gives the parts of a job array, and the Job controller's keys it reads.</summary>
internal static class ArrayKeys
{
    /// <summary>Annotation on the job: its task ids in SLURM's syntax (completion index i runs the i-th).</summary>
    public const string TaskIdsAnnotation = "jobman.io/array";

    /// <summary>Annotation on the job: the name of the sweep file its rows came from.</summary>
    public const string SweepAnnotation = "jobman.io/sweep";

    /// <summary>Set by the Job controller on each pod of an Indexed Job (annotation and, since 1.28, label).</summary>
    public const string CompletionIndex = "batch.kubernetes.io/job-completion-index";

    /// <summary>The variable every task sees with its task id (as SLURM's <c>SLURM_ARRAY_TASK_ID</c>).</summary>
    public const string TaskIdVariable = "JOBMAN_ARRAY_TASK_ID";

    /// <summary>Where the task table is mounted in the container.</summary>
    public const string MountPath = "/etc/jobman/array";

    public const string VolumeName = "jobman-array";

    /// <summary>
    /// Runs the user's command with the variables of this index: <c>set -a</c> exports what the sourced file assigns,
    /// and the file holds nothing but single-quoted assignments, so no value is expanded, split or globbed.
    /// </summary>
    public const string WrapperScript = "set -a; . \"$0/$JOB_COMPLETION_INDEX.env\"; set +a; exec \"$@\"";

    /// <summary>The command the user gave: what follows the wrapper when a task table wraps it, else all of it.</summary>
    public static IEnumerable<string> UserCommand(IEnumerable<string>? command, IEnumerable<string>? args)
    {
        var words = (command ?? []).Concat(args ?? []).ToList();
        return words.Count >= 4 && words[0] == "/bin/sh" && words[1] == "-c" && words[2] == WrapperScript ? words.Skip(4) : words;
    }

    /// <summary>The ConfigMap that holds a job's task table (owned by the job, so deleted with it).</summary>
    public static string TableName(string jobName) => jobName + "-array";
}
