using System.Globalization;
using System.Text;
using Jobman.Core;

namespace Jobman.Plugins.KubernetesJobs.Arrays;

/// <summary>
/// The per-index environment of an array whose tasks need more than <c>JOB_COMPLETION_INDEX</c> (sweep rows, or task
/// ids that are not 0..n-1): one <c>&lt;index&gt;.env</c> entry per completion index, of single-quoted assignments.
/// </summary>
internal static class TaskTable
{
    /// <summary>A ConfigMap holds at most 1 MiB; keep room for its metadata.</summary>
    public const int MaxBytes = 1_000_000;

    /// <exception cref="JobmanException">When a value holds a NUL character or the table outgrows a ConfigMap (exit code 2).</exception>
    public static Dictionary<string, string> Build(ArraySpec array, SweepTable? sweep)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        var bytes = 0;
        for (var index = 0; index < array.TaskIds.Count; index++)
        {
            var taskId = array.TaskIds[index];
            var text = new StringBuilder();
            Assign(text, ArrayKeys.TaskIdVariable, taskId.ToString(CultureInfo.InvariantCulture));
            foreach (var (name, value) in sweep?.Rows[taskId] ?? [])
            {
                if (value.Contains('\0', StringComparison.Ordinal))
                {
                    throw JobmanException.Usage($"--sweep '{sweep!.FileName}' row {taskId}: the value of '{name}' contains a NUL character, which no environment variable can hold");
                }

                Assign(text, name, value);
            }

            var key = index.ToString(CultureInfo.InvariantCulture) + ".env";
            data[key] = text.ToString();
            bytes += Encoding.UTF8.GetByteCount(data[key]) + key.Length;
            if (bytes > MaxBytes)
            {
                throw JobmanException.Usage($"the task table of this array is over {MaxBytes / 1000} kB, more than a ConfigMap holds: use fewer or shorter values (e.g. pass a file name per row)");
            }
        }

        return data;
    }

    /// <summary>The value in single quotes, each <c>'</c> written as <c>'\''</c>: the shell takes it verbatim.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void Assign(StringBuilder text, string name, string value) =>
        text.Append(name).Append('=').Append(Quote(value)).Append('\n');
}
