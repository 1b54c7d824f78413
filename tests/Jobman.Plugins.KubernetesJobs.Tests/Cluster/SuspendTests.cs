using Jobman.Sandbox.Kubernetes;

namespace Jobman.Plugins.KubernetesJobs.Tests.Cluster;

/// <summary><c>suspend</c>/<c>resume</c> against the double: spec.suspend, running pods stopped, progress kept.</summary>
public class SuspendTests : ClusterTest
{
    [Test]
    public async Task Suspend_stops_the_running_tasks_and_resume_finishes_the_array()
    {
        Cluster.Scenarios.For("arr", JobScenario.ByIndex(i => i == 0 ? JobScenario.RunCommand : JobScenario.Hold));
        (await Run("submit", "-i", "busybox", "-j", "arr", "--array", "0-2", "--", "true")).ExitCode.Should().Be(0);
        await ListUntilAsync(jobs => jobs.Any(j => (int?)j!["array"]?["succeeded"] == 1 && (int?)j!["array"]?["active"] == 2));

        var suspended = await Run("suspend", "-j", "arr");

        suspended.ExitCode.Should().Be(0, suspended.ToString());
        suspended.Stdout.Should().Be("job 'arr' suspended (its 2 running pod(s) are stopped; finished work is kept)\n");
        Cluster.Store.GetJob(Ns, "arr")!["spec"]!["suspend"]!.GetValue<bool>().Should().BeTrue();
        var state = await WaitForStatusAsync("arr", "Suspended");
        state.Single(j => (string?)j!["name"] == "arr")!["reason"]!.GetValue<string>().Should().Contain("1/3 succeeded");
        (await Run("suspend", "-j", "arr")).Stderr.Should().Be("error: job 'arr' cannot be suspended: it is suspended already\n");

        Cluster.Scenarios.For("arr", JobScenario.RunCommand);
        var resumed = await Run("resume", "-j", "arr");
        resumed.ExitCode.Should().Be(0, resumed.ToString());
        resumed.Stdout.Should().Be("job 'arr' resumed (its remaining pods start)\n");
        (await Run("wait", "-j", "arr", "--timeout", "20s")).ExitCode.Should().Be(0);
    }

    [Test]
    public async Task Suspend_all_asks_first_and_reports_each_job()
    {
        await SubmitAsync("one", JobScenario.Hold);
        await SubmitAsync("two", JobScenario.Hold);
        await SubmitAsync("done");
        await WaitForStatusAsync("done", "Succeeded");

        var declined = await Run("suspend", "--all");
        declined.ExitCode.Should().Be(1);
        declined.Stderr.Should().Contain("2 jobman job(s) in namespace 'team-a' will be suspended:").And.Contain("  one").And.Contain("  two").And.NotContain("  done").And.Contain("nothing suspended");
        Cluster.Store.GetJob(Ns, "one")!["spec"]!["suspend"]!.GetValue<bool>().Should().BeFalse();

        var all = await Run("suspend", "--all", "--yes");
        all.ExitCode.Should().Be(0, all.ToString());
        all.Stdout.Should().MatchRegex("^job 'one' suspended.*\njob 'two' suspended.*\n$");

        var back = await Run("resume", "--all", "--yes");
        back.Stdout.Should().MatchRegex("^job 'one' resumed.*\njob 'two' resumed.*\n$");
        Cluster.Scenarios.Release("one");
        Cluster.Scenarios.Release("two");
    }

    [Test]
    public async Task A_finished_job_cannot_be_suspended()
    {
        await SubmitAsync("done", options: ["--wait"]);
        var result = await Run("suspend", "-j", "done");
        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Be("error: job 'done' cannot be suspended: it has ended\n");
    }
}
