using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Plugins.History.Tests;

/// <summary>The journal records what submit, wait, list and details see, and history shows it after the job is gone.</summary>
public sealed class JournalTests : HistoryClusterTest
{
    [Test]
    public async Task A_submitted_job_stays_in_history_after_it_is_deleted()
    {
        await RunOk("submit", "-i", "busybox", "-j", "train-1", "--wait", "--", "echo", "epoch 1");
        await RunOk("delete", "-j", "train-1");
        (await RunOk("list")).Stdout.Should().NotContain("train-1");

        var job = (await HistoryJobsAsync()).Single()!;
        job["name"]!.GetValue<string>().Should().Be("train-1");
        job["namespace"]!.GetValue<string>().Should().Be(Ns);
        job["status"]!.GetValue<string>().Should().Be("Succeeded");
        job["exitCode"]!.GetValue<int>().Should().Be(0);
        job["flavor"]!.GetValue<string>().Should().Be("no-gpu");
        job["resources"]!.GetValue<string>().Should().Be("cpu=2, memory=4Gi");
        job["gpus"]!.GetValue<double>().Should().Be(0);
        job["command"]!.GetValue<string>().Should().Be("echo 'epoch 1'");
        job["imageDigest"]!.GetValue<string>().Should().StartWith("sha256:", "the kubelet's imageID names the digest it ran");
        job["uid"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        job["submitted"].Should().NotBeNull();
        job["started"].Should().NotBeNull();
        job["ended"].Should().NotBeNull();
    }

    [Test]
    public async Task A_failed_job_shows_its_exit_code_and_is_found_by_status()
    {
        Cluster.Scenarios.For("bad", JobScenario.Exit(3, "boom\n"));
        var submit = await Run("submit", "-i", "busybox", "-j", "bad", "--wait", "--", "train");
        submit.ExitCode.Should().Be(1, submit.ToString());
        await RunOk("submit", "-i", "busybox", "-j", "good", "--wait", "--", "true");

        var failed = await HistoryJobsAsync("--status", "failed");
        failed.Select(j => (string)j!["name"]!).Should().Equal("bad");
        failed[0]!["exitCode"]!.GetValue<int>().Should().Be(3);
        failed[0]!["reason"]!.GetValue<string>().Should().Contain("exit code 3");

        var table = await RunOk("history");
        table.Stdout.Should().MatchRegex(@"(?m)^NAME\s+STATUS\s+REASON\s+EXIT\s+FLAVOR\s+GPUS\s+SUBMITTED\s+RUN TIME\s+GPU-HOURS\s*$");
        table.Stdout.Should().MatchRegex(@"(?m)^bad\s+Failed\s+.*exit code 3\s+3\s+no-gpu\s+0\s+");
        table.Stdout.Should().MatchRegex(@"(?m)^no-gpu\s+2\s+0\.00\s*$");
        table.Stdout.Should().MatchRegex(@"(?m)^total\s+2\s+0\.00\s*$");
    }

    [Test]
    public async Task List_and_details_record_jobs_submitted_elsewhere()
    {
        // Submitted from "another machine": a runner with its own home, so this test's journal never saw the submit.
        using (var elsewhere = new Jobman.Testing.Cli.JobmanRunner().WithPlugin(new Jobman.Plugins.KubernetesJobs.KubernetesJobsPlugin()))
        {
            elsewhere.Environment["KUBECONFIG"] = Kubeconfig;
            (await elsewhere.RunAsync("submit", "-i", "busybox", "-j", "remote", "--", "true")).ExitCode.Should().Be(0);
        }

        File.Exists(JournalFile).Should().BeFalse();
        await RunOk("list");
        (await HistoryJobsAsync()).Select(j => (string)j!["name"]!).Should().Equal("remote");

        await PollAsync(
            async () =>
            {
                await RunOk("details", "-j", "remote");
                return (string?)(await HistoryJobsAsync()).Single()!["status"] == "Succeeded";
            },
            "details saw the job end");
        (await HistoryJobsAsync()).Single()!["exitCode"]!.GetValue<int>().Should().Be(0);
    }

    [Test]
    public async Task History_works_without_any_cluster_and_filters_by_flavor_and_time()
    {
        await RunOk("submit", "-i", "busybox", "-j", "small", "-r", "small-gpu", "--wait", "--", "true");
        // No kubeconfig at all: every cluster command would fail; history never asks one.
        File.Delete(Kubeconfig);
        (await Run("list")).ExitCode.Should().Be(2);

        (await HistoryJobsAsync("--flavor", "SMALL-GPU")).Select(j => (string)j!["name"]!).Should().Equal("small");
        (await HistoryJobsAsync("--flavor", "no-gpu")).Should().BeEmpty();
        (await HistoryJobsAsync("--since", "1h")).Should().HaveCount(1);
        (await HistoryJobsAsync("--since", "2999-01-01")).Should().BeEmpty();
        (await HistoryJobsAsync("--since", "all")).Should().HaveCount(1);
        var small = (await HistoryJobsAsync()).Single()!;
        small["gpus"]!.GetValue<double>().Should().Be(1);
        small["resources"]!.GetValue<string>().Should().Contain("nvidia.com/gpu=1");

        var empty = await RunOk("history", "--status", "running");
        empty.Stdout.Should().StartWith("no jobs in the journal submitted since " + (DateTimeOffset.Now - TimeSpan.FromDays(30)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .And.EndWith(", with status 'running'\n");
    }

    [Test]
    public async Task Bad_history_options_are_usage_errors()
    {
        var since = await Run("history", "--since", "yesterday");
        since.ExitCode.Should().Be(2);
        since.Stderr.Trim().Should().Be("error: --since 'yesterday' is neither an age (e.g. 12h, 7d, 2w) nor a date (e.g. 2026-12-01)");
        var both = await Run("history", "--prune-before", "30d", "--status", "failed");
        both.ExitCode.Should().Be(2);
        both.Stderr.Should().Contain("--prune-before");
    }

    [Test]
    public async Task Prune_deletes_entries_submitted_before_the_date()
    {
        await RunOk("submit", "-i", "busybox", "-j", "old", "--wait", "--", "true");
        (await RunOk("history", "--prune-before", "2000-01-01")).Stdout.Should().StartWith("pruned 0 job(s)");
        (await HistoryJobsAsync()).Should().HaveCount(1);
        var pruned = await RunOk("history", "--prune-before", "2999-01-01");
        pruned.Stdout.Should().StartWith("pruned 1 job(s) submitted before 2999-01-01 00:00 and 1 kept log(s)");
        (await HistoryJobsAsync("--since", "all")).Should().BeEmpty();
        Directory.GetFiles(Path.Combine(Home, ".jobman", "logs")).Should().BeEmpty();
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "Unix file modes")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Journal_and_logs_are_private_files_in_private_folders()
    {
        await RunOk("submit", "-i", "busybox", "-j", "private", "--wait", "--", "echo", "secret");
        var folder = Path.Combine(Home, ".jobman");
        File.GetUnixFileMode(folder).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(Path.Combine(folder, "logs")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var files = Directory.GetFiles(folder, "history.db*").Concat(Directory.GetFiles(Path.Combine(folder, "logs"))).ToList();
        files.Should().Contain(JournalFile).And.Contain(f => f.EndsWith(".log", StringComparison.Ordinal));
        foreach (var file in files)
        {
            File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, file);
        }
    }

    [Test]
    public async Task Journal_off_in_settings_records_nothing()
    {
        var runner = Runner("""{ "history": { "journal": false, "keepLogs": false } }""");
        (await runner.RunAsync("submit", "-i", "busybox", "-j", "quiet", "--wait", "--", "true")).ExitCode.Should().Be(0);
        File.Exists(JournalFile).Should().BeFalse();
        (await RunOk("history")).Stdout.Should().StartWith("no jobs in the journal submitted since ");
    }

    [Test]
    public async Task Text_from_the_cluster_is_escaped_in_the_table_and_exact_in_json()
    {
        await RunOk("submit", "-i", "busybox", "-j", "hostile", "--wait", "--", "printf", "\u001b[31mred\n");
        var table = await RunOk("history", "-o", "wide");
        table.Stdout.Should().NotContain("\u001b").And.Contain("\\x1b[31mred");
        var json = JsonNode.Parse((await RunOk("history", "-o", "json")).Stdout)!;
        json["jobs"]![0]!["command"]!.GetValue<string>().Should().Contain("\u001b[31mred");
    }

    private static async Task PollAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting until {what}");
            }

            await Task.Delay(20);
        }
    }
}
