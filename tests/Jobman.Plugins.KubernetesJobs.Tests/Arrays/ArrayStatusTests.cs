using Jobman.Plugins.KubernetesJobs.Arrays;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;
using Jobman.Plugins.KubernetesJobs.Status;

namespace Jobman.Plugins.KubernetesJobs.Tests.Arrays;

public class ArrayStatusTests
{
    [Test]
    public void A_running_array_shows_its_progress_in_one_line()
    {
        var job = Array(100, completed: "0-36", failed: "40,41", active: 8, ready: 8);
        var state = JobStatusDeriver.Derive(job, []);
        state.Status.Should().Be(JobState.Running);
        state.Reason.Should().Be("37/100 succeeded, 2 failed, 8 running");
    }

    [Test]
    public void A_failed_array_names_its_failed_task_ids_not_its_indexes()
    {
        var job = Array(3, completed: "0", failed: "1,2", ids: "10,20,30", condition: ("Failed", "FailedIndexes"));
        var state = JobStatusDeriver.Derive(job, []);
        state.Should().Be(new JobState(JobState.Failed, "FailedIndexes: task(s) 20,30 failed, 1/3 succeeded"));
    }

    [Test]
    public void A_long_list_of_failed_tasks_is_cut_in_a_table_cell()
    {
        var squares = string.Join(',', Enumerable.Range(1, 30).Select(i => (i * i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var job = Array(1000, completed: null, failed: squares, condition: ("Failed", "MaxFailedIndexesExceeded"));
        var state = JobStatusDeriver.Derive(job, []);
        state.Reason.Should().StartWith("MaxFailedIndexesExceeded: task(s) 1,4,9,16").And.Contain(",… failed").And.NotContain("900");
        ArrayStatus.Of(job)!.FailedTaskIds().Should().Be(squares, "wait names every failed task");
        ArrayStatus.Of(Array(100, failed: "0,2,4,6,8"))!.FailedTaskIds().Should().Be("0-8:2", "evenly spaced ids are written the SLURM way");
    }

    [Test]
    public void A_succeeded_array_says_so()
    {
        JobStatusDeriver.Derive(Array(4, completed: "0-3", condition: ("Complete", null)), []).Should().Be(new JobState(JobState.Succeeded, "4/4 succeeded"));
    }

    [Test]
    public void Jobs_that_are_no_arrays_have_no_array_status()
    {
        ArrayStatus.Of(new SlimJob { Spec = new SlimJobSpec { Completions = 3 } }).Should().BeNull();
        ArrayStatus.Of(new SlimJob { Spec = new SlimJobSpec { CompletionMode = "NonIndexed", Completions = 3 } }).Should().BeNull();
    }

    [Test]
    public void An_indexed_job_made_by_kubectl_counts_its_indexes_as_task_ids()
    {
        var array = ArrayStatus.Of(Array(5, completed: "0-4"))!;
        array.TaskIds.Should().Equal(0, 1, 2, 3, 4);
        var edited = Array(5, completed: "0-4", ids: "1,2");
        ArrayStatus.Of(edited)!.TaskIds.Should().Equal(0, 1, 2, 3, 4);
    }

    [Test]
    public void Task_rows_come_from_the_index_lists_and_each_tasks_newest_pod()
    {
        var job = Array(4, completed: "0", failed: "1", ids: "5,6,7,8", active: 1);
        var pods = new List<SlimPod>
        {
            Pod("t-2-new", 2, "Failed", 3, minutes: 3),
            Pod("t-1-b", 1, "Failed", 1, minutes: 2),
            Pod("t-1-a", 1, "Failed", 1, minutes: 1),
            Pod("t-0-a", 0, "Succeeded", 0, minutes: 0),
        };
        var rows = TaskRow.Build(job, ArrayStatus.Of(job)!, pods);
        rows.Select(r => (r.TaskId, r.Status, r.Reason, r.ExitCode, r.Attempts, r.Pod)).Should().Equal(
            (5, "Succeeded", string.Empty, "0", 1, "t-0-a"),
            (6, "Failed", "exit code 1", "1", 2, "t-1-b"),
            (7, "Retrying", "after exit code 3", "3", 1, "t-2-new"),
            (8, "Pending", string.Empty, "-", 0, "-"));
    }

    private static SlimPod Pod(string name, int index, string phase, int exitCode, int minutes) => new()
    {
        Metadata = new SlimObjectMeta
        {
            Name = name,
            CreationTimestamp = new DateTime(2026, 12, 1, 10, minutes, 0, DateTimeKind.Utc),
            Labels = new Dictionary<string, string> { [ArrayKeys.CompletionIndex] = index.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        },
        Status = new SlimPodStatus
        {
            Phase = phase,
            ContainerStatuses = [new SlimContainerStatus { Name = "main", State = new SlimContainerState { Terminated = new SlimTerminated { ExitCode = exitCode } } }],
        },
    };

    private static SlimJob Array(int count, string? completed = null, string? failed = null, string? ids = null, int active = 0, int? ready = null, (string Type, string? Reason)? condition = null) => new()
    {
        Metadata = new SlimObjectMeta
        {
            Name = "t",
            Uid = "u",
            Annotations = ids is null ? null : new Dictionary<string, string> { [ArrayKeys.TaskIdsAnnotation] = ids },
        },
        Spec = new SlimJobSpec { CompletionMode = "Indexed", Completions = count, Parallelism = 8, BackoffLimitPerIndex = 1 },
        Status = new SlimJobStatus
        {
            CompletedIndexes = completed,
            FailedIndexes = failed,
            Succeeded = IndexRanges.Parse(completed).Count,
            Active = active,
            Ready = ready,
            StartTime = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc),
            Conditions = condition is { } c ? [new SlimCondition { Type = c.Type, Status = "True", Reason = c.Reason }] : null,
        },
    };
}
