using System.Globalization;
using System.Text.Json.Nodes;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;

namespace Jobman.Plugins.KubernetesJobs.Arrays;

/// <summary>
/// How far a job array is, read from the Job alone (<c>completedIndexes</c>, <c>failedIndexes</c>, <c>active</c>), so
/// a list of arrays costs no request per task. Indexes are Kubernetes' completion indexes; users see task ids.
/// </summary>
internal sealed class ArrayStatus
{
    private const int ShortListLength = 40;

    private ArrayStatus(IReadOnlyList<int> taskIds, SortedSet<int> succeeded, SortedSet<int> failed, int active)
    {
        TaskIds = taskIds;
        Succeeded = succeeded;
        Failed = failed;
        Active = active;
    }

    /// <summary>Task id of each completion index.</summary>
    public IReadOnlyList<int> TaskIds { get; }

    public int Count => TaskIds.Count;

    /// <summary>Completion indexes that succeeded.</summary>
    public SortedSet<int> Succeeded { get; }

    /// <summary>Completion indexes that failed for good (per-index retries used up).</summary>
    public SortedSet<int> Failed { get; }

    /// <summary>Pods running or starting.</summary>
    public int Active { get; }

    /// <summary>The array status of an Indexed Job; null for other jobs.</summary>
    public static ArrayStatus? Of(SlimJob job)
    {
        if (job.Spec is not { CompletionMode: "Indexed", Completions: > 0 and var completions })
        {
            return null;
        }

        var count = completions;
        var ids = TaskIdsOf(job, count);
        var status = job.Status;
        return new ArrayStatus(
            ids,
            new SortedSet<int>(IndexRanges.Parse(status?.CompletedIndexes).Where(i => i < count)),
            new SortedSet<int>(IndexRanges.Parse(status?.FailedIndexes).Where(i => i < count)),
            status?.Active ?? 0);
    }

    /// <summary>The pod's completion index (label, else annotation), or null for pods of other jobs.</summary>
    public static int? IndexOf(SlimPod pod)
    {
        var meta = pod.Metadata;
        var text = meta?.Labels?.GetValueOrDefault(ArrayKeys.CompletionIndex) ?? meta?.Annotations?.GetValueOrDefault(ArrayKeys.CompletionIndex);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }

    /// <summary>The pods of each of the array's indexes, in index order, each list in the order given (pods of other indexes left out).</summary>
    public SortedDictionary<int, List<SlimPod>> PodsByIndex(IEnumerable<SlimPod> pods)
    {
        var byIndex = new SortedDictionary<int, List<SlimPod>>();
        foreach (var pod in pods)
        {
            if (IndexOf(pod) is { } index && index < Count)
            {
                if (!byIndex.TryGetValue(index, out var list))
                {
                    byIndex[index] = list = [];
                }

                list.Add(pod);
            }
        }

        return byIndex;
    }

    /// <summary>The task id a pod runs (its completion index mapped through the job's task ids).</summary>
    public int? TaskIdOf(SlimPod pod) => IndexOf(pod) is { } index && index < Count ? TaskIds[index] : null;

    /// <summary>The completion index running <paramref name="taskId"/>, or null when the array has no such task.</summary>
    public int? IndexOfTask(int taskId)
    {
        for (var i = 0; i < TaskIds.Count; i++)
        {
            if (TaskIds[i] == taskId)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary><c>37/100 succeeded, 2 failed, 8 running</c> (zero counts other than succeeded left out).</summary>
    public string Progress
    {
        get
        {
            var parts = new List<string> { $"{Succeeded.Count}/{Count} succeeded" };
            if (Failed.Count > 0)
            {
                parts.Add($"{Failed.Count} failed");
            }

            if (Active > 0)
            {
                parts.Add($"{Active} running");
            }

            return string.Join(", ", parts);
        }
    }

    /// <summary>The failed tasks' ids in SLURM's syntax (all of them, or cut short for a table cell).</summary>
    public string FailedTaskIds(bool full = true)
    {
        var text = ArraySpec.Compact(Failed.Select(i => TaskIds[i]).Order().ToList());
        if (full || text.Length <= ShortListLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(',', ShortListLength);
        return (cut > 0 ? text[..cut] : text[..ShortListLength]) + ",…";
    }

    public JsonObject ToJson() => new()
    {
        ["tasks"] = Count,
        ["taskIds"] = ArraySpec.Compact(TaskIds),
        ["succeeded"] = Succeeded.Count,
        ["failed"] = Failed.Count,
        ["active"] = Active,
        ["failedTaskIds"] = Failed.Count == 0 ? null : FailedTaskIds(),
    };

    /// <summary>From jobman's annotation when it matches the job; else (arrays made by kubectl) task id = index.</summary>
    private static IReadOnlyList<int> TaskIdsOf(SlimJob job, int count)
    {
        if (job.Metadata?.Annotations?.GetValueOrDefault(ArrayKeys.TaskIdsAnnotation) is { } text)
        {
            try
            {
                var ids = ArraySpec.Parse(text).TaskIds;
                if (ids.Count == count)
                {
                    return ids;
                }
            }
            catch (Jobman.Core.JobmanException)
            {
                // Edited by hand into something else: the indexes are all jobman can show.
            }
        }

        return Enumerable.Range(0, count).ToList();
    }
}
