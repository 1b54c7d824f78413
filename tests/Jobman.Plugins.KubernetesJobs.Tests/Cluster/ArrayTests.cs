using System.Text.Json.Nodes;
using Jobman.Plugins.KubernetesJobs.Arrays;

namespace Jobman.Plugins.KubernetesJobs.Tests.Cluster;

/// <summary>Job arrays end to end against the double's Indexed Job controller: submit, list, details, wait, logs.</summary>
public class ArrayTests : ClusterTest
{
    /// <summary>Task 3 fails every time; every task prints its id.</summary>
    private static readonly string[] FailThree = ["sh", "-c", "echo task $JOBMAN_ARRAY_TASK_ID; test $JOBMAN_ARRAY_TASK_ID != 3"];

    [Test]
    public async Task An_array_is_one_indexed_job_and_wait_names_the_failed_tasks()
    {
        var result = await Run(["submit", "-i", "busybox", "-j", "arr", "--array", "0-4%2", "--retries", "1", "--wait", "--", .. FailThree]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stdout.Should().EndWith("job 'arr' failed: FailedIndexes: task(s) 3 failed, 4/5 succeeded\n");
        var job = Cluster.Store.GetJob(Ns, "arr")!;
        job["spec"]!["completionMode"]!.GetValue<string>().Should().Be("Indexed");
        job["spec"]!["completions"]!.GetValue<int>().Should().Be(5);
        job["spec"]!["parallelism"]!.GetValue<int>().Should().Be(2);
        job["spec"]!["backoffLimitPerIndex"]!.GetValue<int>().Should().Be(1);
        job["status"]!["failedIndexes"]!.GetValue<string>().Should().Be("3");
        var pods = Cluster.Store.Pods(Ns).Where(p => p["metadata"]!["labels"]?["batch.kubernetes.io/job-name"]?.GetValue<string>() == "arr").ToList();
        pods.Count(p => p["metadata"]!["labels"]![ArrayKeys.CompletionIndex]!.GetValue<string>() == "3").Should().Be(2, "task 3 was retried once");
    }

    [Test]
    public async Task List_shows_an_array_as_one_row_with_its_progress_from_two_requests()
    {
        (await Run(["submit", "-i", "busybox", "-j", "arr", "--array", "0-4", "--wait", "--", .. FailThree])).ExitCode.Should().Be(1);
        Cluster.ClearRequests();

        var table = await Run("list");
        table.ExitCode.Should().Be(0, table.ToString());
        table.Stdout.Should().Contain("arr").And.Contain("Failed").And.Contain("FailedIndexes: task(s) 3 failed, 4/5 succeeded");
        Cluster.Requests.Should().HaveCount(2, "one jobs list and one pods list, whatever the number of tasks");

        var json = (JsonArray)JsonNode.Parse((await Run("list", "-o", "json")).Stdout)!;
        var array = json.Single()!["array"]!;
        array["tasks"]!.GetValue<int>().Should().Be(5);
        array["succeeded"]!.GetValue<int>().Should().Be(4);
        array["failed"]!.GetValue<int>().Should().Be(1);
        array["failedTaskIds"]!.GetValue<string>().Should().Be("3");
    }

    [Test]
    public async Task Details_lists_every_task_with_status_reason_and_exit_code_from_one_pods_list()
    {
        (await Run(["submit", "-i", "busybox", "-j", "arr", "--array", "0-4", "--wait", "--", .. FailThree])).ExitCode.Should().Be(1);
        Cluster.ClearRequests();

        var result = await Run("details", "-j", "arr");
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("Array:     5 task(s) 0-4 (at most 5 at once, 0 retries per task)")
            .And.Contain("Progress:  4/5 succeeded, 1 failed")
            .And.Contain("Failed:    task(s) 3; rerun them with 'jobman rerun -j arr --failed-indexes'")
            .And.Contain("Tasks:");
        var rows = result.Stdout.Split('\n').SkipWhile(l => !l.StartsWith("Tasks:", StringComparison.Ordinal)).Skip(2).TakeWhile(l => l.Length > 0).ToList();
        rows.Should().HaveCount(5);
        rows[3].Should().MatchRegex(@"^3\s+3\s+Failed\s+exit code 1\s+1\s+1\s+arr-3-[a-z0-9]{5}\s*$");
        rows[0].Should().MatchRegex(@"^0\s+0\s+Succeeded\s+-\s+0\s+1\s+arr-0-");
        Cluster.Requests.Count(r => r.Path == "/api/v1/namespaces/team-a/pods").Should().Be(1, "one pods list for all tasks");
    }

    [Test]
    public async Task Logs_print_one_task_or_every_task_prefixed_with_its_id()
    {
        (await Run(["submit", "-i", "busybox", "-j", "arr", "--array", "0-4", "--wait", "--", .. FailThree])).ExitCode.Should().Be(1);

        var one = await Run("logs", "-j", "arr", "--index", "2");
        one.ExitCode.Should().Be(0, one.ToString());
        one.Stdout.Should().Be("task 2\n");

        var all = await Run("logs", "-j", "arr");
        all.ExitCode.Should().Be(0, all.ToString());
        all.Stdout.Should().Be("[0] task 0\n[1] task 1\n[2] task 2\n[3] task 3\n[4] task 4\n");

        var missing = await Run("logs", "-j", "arr", "--index", "9");
        missing.ExitCode.Should().Be(2);
        missing.Stderr.Should().Be("error: job 'arr' has no task 9 (its tasks: 0-4)\n");
    }

    [Test]
    public async Task Sparse_task_ids_reach_their_tasks_through_the_owned_task_table()
    {
        var result = await Run("submit", "-i", "busybox", "-j", "sparse", "--array", "3,7,20", "--wait", "--", "sh", "-c", "echo id=$JOBMAN_ARRAY_TASK_ID index=$JOB_COMPLETION_INDEX");
        result.ExitCode.Should().Be(0, result.ToString());

        (await Run("logs", "-j", "sparse")).Stdout.Should().Be("[3] id=3 index=0\n[7] id=7 index=1\n[20] id=20 index=2\n");
        (await Run("logs", "-j", "sparse", "--index", "7")).Stdout.Should().Be("id=7 index=1\n");
        var table = Cluster.Store.GetConfigMap(Ns, "sparse-array")!;
        var job = Cluster.Store.GetJob(Ns, "sparse")!;
        table["metadata"]!["ownerReferences"]![0]!["uid"]!.GetValue<string>().Should().Be(job["metadata"]!["uid"]!.GetValue<string>());

        (await Run("delete", "-j", "sparse")).ExitCode.Should().Be(0);
        await EventuallyAsync(() => Cluster.Store.GetConfigMap(Ns, "sparse-array") is null, "the task table went with its job");
    }

    [Test]
    public async Task A_sweep_gives_each_task_its_row_verbatim()
    {
        var sweep = Path.Combine(Folder, "grid.csv");
        await File.WriteAllTextAsync(sweep, "lr,name\n0.10,\"it's $(id) `x`\"\n1e-3,\"a b  c\"\n");

        var result = await Run("submit", "-i", "busybox", "-j", "grid", "--sweep", sweep, "--array", "%1", "--wait", "--", "sh", "-c", "printf '%s|%s|%s\\n' \"$JOBMAN_ARRAY_TASK_ID\" \"$lr\" \"$name\"");

        result.ExitCode.Should().Be(0, result.ToString());
        (await Run("logs", "-j", "grid")).Stdout.Should().Be("[0] 0|0.10|it's $(id) `x`\n[1] 1|1e-3|a b  c\n");
        Cluster.Store.GetJob(Ns, "grid")!["spec"]!["parallelism"]!.GetValue<int>().Should().Be(1);
        (await Run("details", "-j", "grid")).Stdout.Should().Contain("Sweep:     grid.csv (one row a task, as environment variables)");
    }

    [Test]
    public async Task A_dry_run_prints_the_task_table_and_the_job_for_kubectl_apply()
    {
        var sweep = Path.Combine(Folder, "grid.yaml");
        await File.WriteAllTextAsync(sweep, "- {lr: 0.1}\n- {lr: 0.2}\n");
        var result = await Run("submit", "-i", "busybox", "-j", "grid", "--sweep", sweep, "--dry-run", "-o", "json", "--", "python", "train.py");

        result.ExitCode.Should().Be(0, result.ToString());
        var list = JsonNode.Parse(result.Stdout)!;
        list["kind"]!.GetValue<string>().Should().Be("List");
        list["items"]![0]!["kind"]!.GetValue<string>().Should().Be("ConfigMap");
        list["items"]![0]!["data"]!["1.env"]!.GetValue<string>().Should().Be("JOBMAN_ARRAY_TASK_ID='1'\nlr='0.2'\n");
        list["items"]![1]!["kind"]!.GetValue<string>().Should().Be("Job");
        Cluster.Requests.Should().NotContain(r => r.Method != "GET", "a dry run creates nothing");
    }

    [Test]
    public async Task Follow_on_an_array_streams_the_running_tasks_each_line_prefixed()
    {
        var result = await Run("submit", "-i", "busybox", "-j", "live", "--array", "0-2", "--follow", "--", "sh", "-c", "echo start $JOBMAN_ARRAY_TASK_ID; sleep 0.3; echo end $JOBMAN_ARRAY_TASK_ID");

        result.ExitCode.Should().Be(0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('[')).ToList();
        foreach (var task in new[] { "0", "1", "2" })
        {
            lines.Should().Contain($"[{task}] start {task}").And.Contain($"[{task}] end {task}");
            lines.IndexOf($"[{task}] start {task}").Should().BeLessThan(lines.IndexOf($"[{task}] end {task}"));
        }

        lines.Should().HaveCount(6, "every line once, none mixed with another");
        result.Stderr.Should().Contain("job 'live' succeeded");
    }

    [Test]
    public async Task Max_failed_stops_the_whole_array()
    {
        var result = await Run("submit", "-i", "busybox", "-j", "stop", "--array", "0-9%1", "--max-failed", "0", "--wait", "--", "sh", "-c", "test $JOBMAN_ARRAY_TASK_ID != 1");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stdout.Should().EndWith("job 'stop' failed: MaxFailedIndexesExceeded: task(s) 1 failed, 1/10 succeeded\n");
        (await Run("details", "-j", "stop")).Stdout.Should().MatchRegex(@"\n9\s+9\s+NotRun\s");
    }

    [Test]
    public async Task An_indexed_job_made_by_kubectl_reads_as_an_array()
    {
        Cluster.Store.PutJob(Ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "by-kubectl" },
            ["spec"] = new JsonObject
            {
                ["completions"] = 3,
                ["parallelism"] = 3,
                ["completionMode"] = "Indexed",
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["restartPolicy"] = "Never",
                        ["containers"] = new JsonArray(new JsonObject { ["name"] = "worker", ["image"] = "busybox", ["command"] = new JsonArray("sh", "-c", "echo index $JOB_COMPLETION_INDEX") }),
                    },
                },
            },
        });

        var jobs = await ListUntilAsync(j => j.Any(x => (string?)x!["status"] == "Succeeded"), "--all-jobs");
        jobs.Single()!["reason"]!.GetValue<string>().Should().Be("3/3 succeeded");
        (await Run("logs", "-j", "by-kubectl", "--index", "1")).Stdout.Should().Be("index 1\n");
        (await Run("details", "-j", "by-kubectl")).Stdout.Should().Contain("Array:     3 task(s) 0-2 (at most 3 at once, 0 retries per task)");
    }

    [Test]
    [Jobman.Testing.Prerequisites.RequiresKubectl]
    public async Task Kubectl_applies_the_dry_run_of_a_sparse_array_and_the_tasks_see_their_ids()
    {
        var dry = await Run("submit", "-i", "busybox", "-j", "applied", "--array", "1,3", "--dry-run", "--", "sh", "-c", "echo id=$JOBMAN_ARRAY_TASK_ID");
        dry.ExitCode.Should().Be(0, dry.ToString());
        var manifest = Path.Combine(Folder, "applied.yaml");
        await File.WriteAllTextAsync(manifest, dry.Stdout);
        Cluster.Store.GetJob(Ns, "applied").Should().BeNull("a dry run creates nothing");

        var start = new System.Diagnostics.ProcessStartInfo(Jobman.Testing.Prerequisites.Prerequisite.Kubectl()) { RedirectStandardOutput = true, RedirectStandardError = true };
        // kubectl validates a v1 List against /openapi/v2, which the double does not serve (a real API server does).
        foreach (var argument in new[] { "--kubeconfig", Kubeconfig, "apply", "--validate=false", "-f", manifest })
        {
            start.ArgumentList.Add(argument);
        }

        using var kubectl = System.Diagnostics.Process.Start(start)!;
        var applied = await kubectl.StandardOutput.ReadToEndAsync();
        var errors = await kubectl.StandardError.ReadToEndAsync();
        await kubectl.WaitForExitAsync();
        kubectl.ExitCode.Should().Be(0, errors);
        applied.Should().Be("configmap/applied-array created\njob.batch/applied created\n");

        (await Run("wait", "-j", "applied", "--timeout", "20s")).ExitCode.Should().Be(0);
        (await Run("logs", "-j", "applied")).Stdout.Should().Be("[1] id=1\n[3] id=3\n");
    }
}
