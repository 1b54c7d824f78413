using System.Text.Json.Nodes;
using Jobman.Kubernetes;
using Jobman.Plugins.KubernetesJobs.Rerun;

namespace Jobman.Plugins.KubernetesJobs.Tests.Cluster;

/// <summary><c>rerun</c> against the double: copies of jobman's, kubectl's and 1.3.x jobs, overrides, failed tasks only.</summary>
public class RerunTests : ClusterTest
{
    [Test]
    public async Task Rerun_failed_indexes_runs_only_those_tasks_with_their_ids_and_overrides()
    {
        string[] command = ["sh", "-c", "echo task $JOBMAN_ARRAY_TASK_ID fix=$FIX; test $JOBMAN_ARRAY_TASK_ID != 3 -a $JOBMAN_ARRAY_TASK_ID != 5 || test -n \"$FIX\""];
        (await Run(["submit", "-i", "busybox", "-j", "arr", "--array", "0-7", "--wait", "--", .. command])).ExitCode.Should().Be(1);

        var result = await Run("rerun", "-j", "arr", "--failed-indexes", "-e", "FIX=1", "--retries", "2", "--wait");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be("job 'arr-r1' created in namespace 'team-a' (2 task(s)), re-running 'arr'\njob 'arr-r1' succeeded\n");
        (await Run("logs", "-j", "arr-r1")).Stdout.Should().Be("[3] task 3 fix=1\n[5] task 5 fix=1\n");
        var job = Cluster.Store.GetJob(Ns, "arr-r1")!;
        job["metadata"]!["annotations"]![RerunChain.RerunOfAnnotation]!.GetValue<string>().Should().Be("arr");
        job["spec"]!["completions"]!.GetValue<int>().Should().Be(2);
        job["spec"]!["backoffLimitPerIndex"]!.GetValue<int>().Should().Be(2);
        var details = await Run("details", "-j", "arr-r1");
        details.Stdout.Should().Contain("Rerun of:  arr\n").And.Contain("2 task(s) 3,5")
            .And.Contain("Command:   sh -c 'echo task").And.NotContain("set -a", "the task table's wrapper is jobman's business, not the user's command");
    }

    [Test]
    public async Task A_sweep_rerun_keeps_each_tasks_row()
    {
        var sweep = Path.Combine(Folder, "grid.csv");
        await File.WriteAllTextAsync(sweep, "lr\n0.1\n0.2\n0.3\n");
        (await Run("submit", "-i", "busybox", "-j", "grid", "--sweep", sweep, "--wait", "--", "sh", "-c", "echo lr=$lr; test $lr != 0.2 || test -e \"$MARK\"")).ExitCode.Should().Be(1);
        var mark = Path.Combine(Folder, "mark");
        await File.WriteAllTextAsync(mark, string.Empty);

        var result = await Run("rerun", "-j", "grid", "--failed-indexes", "-e", $"MARK={mark}", "--wait");

        result.ExitCode.Should().Be(0, result.ToString());
        (await Run("logs", "-j", "grid-r1")).Stdout.Should().Be("[1] lr=0.2\n");
    }

    [Test]
    public async Task Rerunning_a_rerun_counts_up_and_details_show_the_chain()
    {
        await SubmitAsync("base", options: ["--wait"]);
        (await Run("rerun", "-j", "base", "--wait")).ExitCode.Should().Be(0);
        (await Run("rerun", "-j", "base-r1", "--wait")).ExitCode.Should().Be(0);
        (await Run("rerun", "-j", "base", "--wait")).Stdout.Should().StartWith("job 'base-r3' created", "base-r1 and base-r2 are taken");
        (await Run("details", "-j", "base-r2")).Stdout.Should().Contain("Rerun of:  base-r1 <- base\n");
    }

    [Test]
    public async Task A_job_made_by_kubectl_is_copied_without_what_the_server_generated()
    {
        Cluster.Store.PutJob(Ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "legacy", ["labels"] = new JsonObject { ["team"] = "vision" }, ["annotations"] = new JsonObject { ["chaimeleon.eu/jobResourcesFlavor"] = "small-gpu" } },
            ["spec"] = new JsonObject
            {
                ["backoffLimit"] = 0,
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["restartPolicy"] = "Never",
                        ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "busybox", ["command"] = new JsonArray("sh", "-c", "exit 3") }),
                    },
                },
            },
        });
        await ListUntilAsync(jobs => jobs.Any(j => (string?)j!["name"] == "legacy" && (string?)j["status"] == "Failed"), "--all-jobs");
        var old = Cluster.Store.GetJob(Ns, "legacy")!;

        var result = await Run("rerun", "-j", "legacy", "--retries", "1", "-i", "alpine:3", "-r", """{"name":"tiny","resources":{"requests":{"cpu":"100m"}}}""", "--label", "try=2", "-c", "--", "sh", "-c", "echo fixed");

        result.ExitCode.Should().Be(0, result.ToString());
        var job = Cluster.Store.GetJob(Ns, "legacy-r1")!;
        job["metadata"]!["uid"]!.GetValue<string>().Should().NotBe(old["metadata"]!["uid"]!.GetValue<string>());
        job["spec"]!["selector"]!.ToJsonString().Should().NotContain(old["metadata"]!["uid"]!.GetValue<string>(), "the server made a new selector");
        job["metadata"]!["labels"]![JobLabels.ManagedBy]!.GetValue<string>().Should().Be("jobman");
        job["metadata"]!["labels"]!["team"]!.GetValue<string>().Should().Be("vision");
        job["metadata"]!["labels"]!["try"]!.GetValue<string>().Should().Be("2");
        ((string?)job["metadata"]!["annotations"]?["chaimeleon.eu/jobResourcesFlavor"] ?? "tiny").Should().Be("tiny", "the old flavor must not outlive -r");
        job["metadata"]!["labels"]![JobLabels.Flavor]!.GetValue<string>().Should().Be("tiny");
        var container = job["spec"]!["template"]!["spec"]!["containers"]![0]!;
        container["image"]!.GetValue<string>().Should().Be("alpine:3");
        job["spec"]!["backoffLimit"]!.GetValue<int>().Should().Be(1);
        container["command"]!.ToJsonString().Should().Be("""["sh","-c","echo fixed"]""");
        await WaitForStatusAsync("legacy-r1", "Succeeded");
    }

    [Test]
    public async Task A_job_that_has_not_ended_is_not_rerun()
    {
        await SubmitAsync("busy", Jobman.Sandbox.Kubernetes.JobScenario.Hold);
        var result = await Run("rerun", "-j", "busy");
        result.ExitCode.Should().Be(1);
        result.Stderr.Should().StartWith("error: job 'busy' has not ended (status ");
        Cluster.Store.GetJob(Ns, "busy-r1").Should().BeNull();
        Cluster.Scenarios.Release("busy");
    }

    [Test]
    public async Task A_sweep_whose_task_table_lost_entries_says_so()
    {
        var sweep = Path.Combine(Folder, "grid.csv");
        await File.WriteAllTextAsync(sweep, "a\n1\n");
        (await Run("submit", "-i", "busybox", "-j", "grid", "--sweep", sweep, "--wait", "--", "true")).ExitCode.Should().Be(0);
        Cluster.Store.PutConfigMap(Ns, "grid-array", new Dictionary<string, string>());

        var result = await Run("rerun", "-j", "grid");

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Be("error: the task table of job 'grid' has no entry for index 0; it cannot be re-run as it was\n");
        Cluster.Store.GetJob(Ns, "grid-r1").Should().BeNull();
    }
}
