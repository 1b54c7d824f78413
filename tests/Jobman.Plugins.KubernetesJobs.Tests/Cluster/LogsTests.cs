using System.Text.RegularExpressions;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Plugins.KubernetesJobs.Tests.Cluster;

public class LogsTests : ClusterTest
{
    private const string FiveLines = "for i in 1 2 3 4 5; do echo line $i; done";

    [Test]
    public async Task Tail_and_timestamps_shape_the_raw_output()
    {
        await SubmitAsync("five", command: ["sh", "-c", FiveLines]);
        (await Run("wait", "-j", "five")).ExitCode.Should().Be(0);

        var tail = await Run("logs", "-j", "five", "--tail", "2");
        tail.ExitCode.Should().Be(0, tail.ToString());
        tail.Stdout.Should().Be("line 4\nline 5\n");
        tail.Stderr.Should().BeEmpty();

        var stamped = await Run("logs", "-j", "five", "--timestamps");
        stamped.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(5)
            .And.AllSatisfy(l => l.Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z line \d$"));

        var since = await Run("logs", "-j", "five", "--since", "1h");
        since.Stdout.Should().Be("line 1\nline 2\nline 3\nline 4\nline 5\n");
    }

    [Test]
    public async Task All_pods_prefixes_each_line_with_its_pod()
    {
        Cluster.Scenarios.For("retry", JobScenario.Exit(1, "attempt"));
        var submit = await Run("submit", "-i", "busybox", "-j", "retry", "--retries", "1", "--wait", "--", "false");
        submit.ExitCode.Should().Be(1, submit.ToString());

        var newest = await Run("logs", "-j", "retry");
        newest.Stdout.Should().Be("attempt\n", newest.ToString() + string.Join("\n", Cluster.Requests.Select(r => $"{r.Method} {r.Path}{r.Query} {r.StatusCode}")));

        var all = await Run("logs", "-j", "retry", "--all-pods");
        all.ExitCode.Should().Be(0, all.ToString());
        var lines = all.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2, all.ToString() + string.Join(",", Cluster.Store.Pods(Ns).Select(p => p["metadata"]!["name"]!.ToString() + p["status"]!["phase"]))).And.AllSatisfy(l => l.Should().MatchRegex(@"^\[retry-[a-z0-9]{5}\] attempt$"));
        lines.Distinct().Should().HaveCount(2);
    }

    [Test]
    public async Task Follow_reconnects_after_dropped_streams_without_repeating_lines()
    {
        Cluster.Scenarios.For("stream", JobScenario.Hold);
        await SubmitAsync("stream", command: ["sh", "-c", "true"]);
        await WaitForStatusAsync("stream", "Running");
        var pod = Cluster.Store.Pods(Ns).Single()["metadata"]!["name"]!.GetValue<string>();
        var text = string.Concat(Enumerable.Range(1, 30).Select(i => $"row {i:D2}\n"));
        Cluster.SetPodLog(Ns, pod, "main", text);
        Cluster.Faults.Next(3, Fault.DropLogStream(200), "/log");

        var follow = Runner().RunAsync("logs", "-j", "stream", "-f");
        // Requests are recorded when answered: the three dropped streams are, the open follow is not.
        await EventuallyAsync(() => Cluster.Requests.Count(r => r.Path.EndsWith("/log", StringComparison.Ordinal)) >= 3, "the follower reconnected");
        Cluster.Scenarios.Release("stream");
        var result = await follow;

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be(text);
        // Whether the bytes before an abort reach the client depends on the transport; when they do, the reconnect
        // resumes with sinceTime (ResumePointTests cover the skipping). Either way no line is lost or repeated.
        Cluster.Requests.Count(r => r.Path.EndsWith("/log", StringComparison.Ordinal)).Should().BeGreaterThanOrEqualTo(4);
        Cluster.Requests.Where(r => r.Path.EndsWith("/log", StringComparison.Ordinal)).Select(r => r.Protocol).Should().AllBe("HTTP/2");
    }

    [Test]
    public async Task Long_lines_carriage_returns_and_a_last_line_without_newline_pass_through()
    {
        await SubmitAsync("raw", command: ["sh", "-c", "true"]);
        (await Run("wait", "-j", "raw")).ExitCode.Should().Be(0);
        var pod = Cluster.Store.Pods(Ns).Single()["metadata"]!["name"]!.GetValue<string>();
        // Longer than the streamer's read buffers (64 KiB of bytes, 64 Ki chars), with multi-byte characters.
        var longLine = string.Concat(Enumerable.Range(0, 30_000).Select(i => $"{i % 10}é✓"));
        Cluster.SetPodLog(Ns, pod, "main", $"first\r\n{longLine}\nsecond\r\r\n\r\nno newline at the end");

        var result = await Run("logs", "-j", "raw");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be($"first\n{longLine}\nsecond\n\nno newline at the end\n");
        result.Stderr.Should().BeEmpty();

        var stamped = await Run("logs", "-j", "raw", "--timestamps");
        var lines = stamped.Stdout.Split('\n');
        lines.Should().HaveCount(6);
        lines[1].Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z 0é✓1é✓").And.EndWith("9é✓");
        lines[4].Should().MatchRegex(@"^\S+Z no newline at the end$");
    }

    [Test]
    public async Task A_pod_that_has_not_started_says_why_on_stderr()
    {
        await SubmitAsync("pull", JobScenario.ImagePullBackOff);
        await WaitForStatusAsync("pull", "Pending");
        await ListUntilAsync(jobs => jobs.Any(j => (string?)j!["reason"] == "ImagePullBackOff"));

        var result = await Run("logs", "-j", "pull");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().MatchRegex(@"pod pull-[a-z0-9]{5} is waiting to start: ImagePullBackOff");
    }

    [Test]
    public async Task Follow_waits_for_the_pod_to_start()
    {
        Cluster.Scenarios.For("slow", JobScenario.Hold);
        var follow = Runner().RunAsync("submit", "-i", "busybox", "-j", "slow", "--follow", "--", "sh", "-c", "echo started");
        await EventuallyAsync(() => Cluster.Store.Pods(Ns).Count == 1, "the pod exists");
        Cluster.Scenarios.Release("slow");
        var result = await follow;
        result.ExitCode.Should().Be(0, result.ToString());
        Regex.Matches(result.Stdout, "job 'slow' created").Should().ContainSingle();
    }

    [Test]
    public async Task Previous_and_container_are_passed_to_the_api_and_refusals_explained()
    {
        await SubmitAsync("once", command: ["echo", "x"]);
        (await Run("wait", "-j", "once")).ExitCode.Should().Be(0);

        var previous = await Run("logs", "-j", "once", "--previous");
        previous.ExitCode.Should().Be(1, previous.ToString());
        previous.Stderr.Should().MatchRegex("^error: cannot read the log of pod 'once-[a-z0-9]{5}': previous terminated container \"main\" in pod \"once-[a-z0-9]{5}\" not found\n$");

        var container = await Run("logs", "-j", "once", "--container", "main");
        container.Stdout.Should().Be("x\n");
        Cluster.Requests.Last(r => r.Path.EndsWith("/log", StringComparison.Ordinal)).Query.Should().Contain("container=main");
    }

    [Test]
    public async Task Missing_job_is_reported()
    {
        var result = await Run("logs", "-j", "ghost");
        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Be("error: job 'ghost' not found in namespace 'team-a'\n");
    }
}
