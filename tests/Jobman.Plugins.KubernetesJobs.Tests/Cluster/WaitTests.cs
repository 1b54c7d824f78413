using Jobman.Sandbox.Kubernetes;

namespace Jobman.Plugins.KubernetesJobs.Tests.Cluster;

public class WaitTests : ClusterTest
{
    [Test]
    public async Task Wait_returns_1_with_the_reason_when_the_job_fails()
    {
        await SubmitAsync("oom", JobScenario.OomKilled);
        var result = await Run("wait", "-j", "oom");
        result.ExitCode.Should().Be(1, result.ToString());
        result.Stdout.Should().Be("job 'oom' failed: BackoffLimitExceeded: OOMKilled\n");
    }

    [Test]
    public async Task Wait_times_out_with_a_clear_line()
    {
        await SubmitAsync("forever", JobScenario.Hold);
        var result = await Run("wait", "-j", "forever", "--timeout", "1s");
        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().MatchRegex(@"^error: timed out after 1s waiting for job 'forever' \(still (Pending|Running)[^)]*\)\n$");
        Cluster.Scenarios.Release("forever");
    }

    [Test]
    public async Task Wait_rides_out_transient_server_errors()
    {
        await SubmitAsync("steady");
        Cluster.Faults.Next(2, Fault.ServerError(), "/jobs/steady");
        var result = await Run("wait", "-j", "steady", "--timeout", "30s");
        result.ExitCode.Should().Be(0, result.ToString());
        Cluster.Requests.Count(r => r.StatusCode == 500).Should().Be(2);
    }

    [Test]
    public async Task Waiting_for_a_missing_job_fails_at_once()
    {
        var result = await Run("wait", "-j", "ghost");
        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Be("error: job 'ghost' not found in namespace 'team-a'\n");
    }
}
