using Jobman.Core;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Plugins.KubernetesJobs.Tests.Cluster;

public class CommandLineTests : ClusterTest
{
    [TestCase("submit")]
    [TestCase("list")]
    [TestCase("details")]
    [TestCase("logs")]
    [TestCase("delete")]
    [TestCase("wait")]
    public async Task Every_command_has_help_with_the_cluster_options(string command)
    {
        var result = await Run(command, "--help");
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("--context").And.Contain("-n|--namespace").And.Contain("--kubeconfig");
    }

    [Test]
    public async Task Ctrl_c_stops_a_follower_with_exit_code_130()
    {
        await SubmitAsync("endless", JobScenario.Hold);
        await WaitForStatusAsync("endless", "Running");
        using var cancel = new CancellationTokenSource();
        var follow = Runner().RunAsync(cancel.Token, "logs", "-j", "endless", "-f");
        // Requests are recorded when answered, so the open log stream is not visible: the pod read before it is.
        await EventuallyAsync(() => Cluster.Requests.Any(r => r.Path.Contains("/pods/endless-", StringComparison.Ordinal)), "the follower found the pod");
        await cancel.CancelAsync();
        var result = await follow;
        result.ExitCode.Should().Be(ExitCodes.Cancelled, result.ToString());
        Cluster.Scenarios.Release("endless");
    }

    [Test]
    public async Task Namespace_option_selects_the_namespace()
    {
        var token = Cluster.AddUser("carol", "team-a", "team-c");
        var path = Path.Combine(Folder, "carol");
        Cluster.WriteKubeconfig(path, token, "team-a");
        var runner = Runner();
        runner.Environment["KUBECONFIG"] = path;
        var submit = await runner.RunAsync("submit", "-i", "busybox", "-j", "elsewhere", "-n", "team-c", "--", "true");
        submit.ExitCode.Should().Be(0, submit.ToString());
        submit.Stdout.Should().Be("job 'elsewhere' created in namespace 'team-c'\n");
        Cluster.Store.GetJob("team-c", "elsewhere").Should().NotBeNull();
    }
}
