using Jobman.Sandbox.Kubernetes;

namespace Jobman.Plugins.History.Tests;

/// <summary>Logs streamed by submit --follow/--wait and logs -f are kept, bounded, and printed once the job is gone.</summary>
public sealed class KeptLogTests : HistoryClusterTest
{
    [Test]
    public async Task A_followed_log_is_printed_from_the_local_copy_after_the_job_is_deleted()
    {
        await RunOk("submit", "-i", "busybox", "-j", "kept", "--follow", "--", "sh", "-c", "echo line 1; echo line 2");
        await RunOk("delete", "-j", "kept");

        var logs = await RunOk("logs", "-j", "kept");
        logs.Stdout.Should().Be("line 1\nline 2\n");
        logs.Stderr.Should().MatchRegex(@"^job 'kept' is no longer in namespace 'team-a': printing jobman's local copy of its log \(pod kept-[a-z0-9]+, kept \d{4}-\d\d-\d\d \d\d:\d\d; complete, 14 bytes\)\n$");
    }

    [Test]
    public async Task Submit_wait_keeps_the_log_without_printing_it()
    {
        var submit = await RunOk("submit", "-i", "busybox", "-j", "quiet", "--wait", "--", "echo", "kept quietly");
        submit.Stdout.Should().NotContain("kept quietly");
        await RunOk("delete", "-j", "quiet");
        (await RunOk("logs", "-j", "quiet")).Stdout.Should().Be("kept quietly\n");
    }

    [Test]
    public async Task Logs_follow_keeps_a_copy_and_a_job_never_followed_has_none()
    {
        Cluster.Scenarios.For("followed", JobScenario.Exit(0, "from the kubelet\n"));
        await RunOk("submit", "-i", "busybox", "-j", "followed", "--", "true");
        await RunOk("submit", "-i", "busybox", "-j", "unfollowed", "--", "true");
        (await RunOk("logs", "-j", "followed", "-f")).Stdout.Should().Be("from the kubelet\n");
        await RunOk("wait", "-j", "unfollowed");
        await RunOk("delete", "-j", "followed");
        await RunOk("delete", "-j", "unfollowed");

        (await RunOk("logs", "-j", "followed")).Stdout.Should().Be("from the kubelet\n");
        var none = await Run("logs", "-j", "unfollowed");
        none.ExitCode.Should().Be(1);
        none.Stderr.Should().Be("error: job 'unfollowed' not found in namespace 'team-a'\n");
    }

    [Test]
    public async Task The_per_job_bound_keeps_the_end_of_the_log_and_says_how_much()
    {
        // 0.001 MiB = 1048 bytes per job: two segments of 524 bytes, so between 524 and 1048 bytes of the end are kept.
        var runner = Runner("""{ "history": { "logMaxMiBPerJob": 0.001 } }""");
        var result = await runner.RunAsync("submit", "-i", "busybox", "-j", "long", "--follow", "--", "sh", "-c", "i=0; while [ $i -lt 300 ]; do echo line $i; i=$((i+1)); done");
        result.ExitCode.Should().Be(0, result.ToString());
        await RunOk("delete", "-j", "long");

        var logs = await Runner("""{ "history": { "logMaxMiBPerJob": 0.001 } }""").RunAsync("logs", "-j", "long");
        logs.ExitCode.Should().Be(0, logs.ToString());
        logs.Stdout.Should().EndWith("line 298\nline 299\n").And.NotContain("line 0\n");
        logs.Stdout.Length.Should().BeInRange(524, 1048);
        logs.Stderr.Should().Contain($"the last {logs.Stdout.Length} of 2590 bytes streamed (history.logMaxMiBPerJob dropped the beginning)");
    }

    [Test]
    public async Task The_total_bound_evicts_the_least_recently_written_copies()
    {
        // 0.001 MiB = 1048 bytes for all copies: room for one of the two logs of 890 bytes.
        const string settings = """{ "history": { "logMaxMiBTotal": 0.001 } }""";
        foreach (var name in new[] { "older", "newer" })
        {
            var submit = await Runner(settings).RunAsync("submit", "-i", "busybox", "-j", name, "--follow", "--", "sh", "-c", $"i=0; while [ $i -lt 100 ]; do echo {name} $i; i=$((i+1)); done");
            submit.ExitCode.Should().Be(0, submit.ToString());
            await RunOk("delete", "-j", name);
        }

        (await RunOk("logs", "-j", "newer")).Stdout.Should().StartWith("newer 0\n").And.EndWith("newer 99\n");
        (await Run("logs", "-j", "older")).ExitCode.Should().Be(1, "its copy was evicted to stay within history.logMaxMiBTotal");
        Directory.GetFiles(Path.Combine(Home, ".jobman", "logs")).Should().HaveCount(1);
    }

    [Test]
    public async Task Keeping_logs_can_be_turned_off()
    {
        var runner = Runner("""{ "history": { "keepLogs": false } }""");
        (await runner.RunAsync("submit", "-i", "busybox", "-j", "unkept", "--follow", "--", "echo", "hi")).ExitCode.Should().Be(0);
        Directory.Exists(Path.Combine(Home, ".jobman", "logs")).Should().BeFalse();
        (await HistoryJobsAsync()).Should().HaveCount(1, "the journal is still written");
    }
}
