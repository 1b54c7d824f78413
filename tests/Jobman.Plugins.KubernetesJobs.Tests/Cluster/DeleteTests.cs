using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Plugins.KubernetesJobs.Tests.Cluster;

public class DeleteTests : ClusterTest
{
    [Test]
    public async Task Delete_one_job_with_background_propagation()
    {
        await SubmitAsync("gone");
        var result = await Run("delete", "-j", "gone");
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be("job 'gone' deleted from namespace 'team-a'\n");
        Cluster.Requests.Single(r => r.Method == "DELETE").Query.Should().Contain("propagationPolicy=Background");
        Cluster.Store.GetJob(Ns, "gone").Should().BeNull();
    }

    [Test]
    public async Task Deleting_a_missing_job_fails_clearly()
    {
        var result = await Run("delete", "-j", "ghost");
        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Be("error: job 'ghost' not found in namespace 'team-a'\n");
    }

    [TestCase(new[] { "delete" }, "say which job to delete")]
    [TestCase(new[] { "delete", "-j", "x", "--all" }, "not both")]
    public async Task Job_name_xor_all(string[] args, string message)
    {
        var result = await Run(args);
        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain(message);
    }

    [Test]
    public async Task Delete_all_asks_then_deletes_only_jobman_jobs()
    {
        await SubmitAsync("a");
        await SubmitAsync("b");
        Cluster.Store.PutJob(Ns, Foreign("keep"), managed: false);
        var runner = Runner();
        runner.Stdin = "y\n";

        var result = await runner.RunAsync("delete", "--all");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().Contain("2 jobman job(s) in namespace 'team-a' will be deleted:\n  a\n  b\n").And.Contain("delete these 2 job(s)? [y/N]");
        result.Stdout.Should().Be("job 'a' deleted\njob 'b' deleted\n");
        Cluster.Store.Jobs(Ns).Select(j => j["metadata"]!["name"]!.GetValue<string>()).Should().Equal("keep");
    }

    [Test]
    public async Task Answering_no_deletes_nothing_and_exits_1()
    {
        await SubmitAsync("a");
        var runner = Runner();
        runner.Stdin = "n\n";
        var result = await runner.RunAsync("delete", "--all");
        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Contain("nothing deleted");
        Cluster.Store.GetJob(Ns, "a").Should().NotBeNull();
        Cluster.Requests.Should().NotContain(r => r.Method == "DELETE");
    }

    [Test]
    public async Task Yes_skips_the_question_and_failures_are_reported_per_job()
    {
        await SubmitAsync("a");
        await SubmitAsync("b");
        await SubmitAsync("c");
        Cluster.Faults.Next(10, Fault.ServerError("etcd is sad"), "/jobs/b");

        var result = await Run("delete", "--all", "--yes");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stdout.Should().Be("job 'a' deleted\njob 'c' deleted\n");
        result.Stderr.Should().Contain("warning: job 'b' not deleted: cannot delete job 'b': the API server failed (500): Internal error occurred: etcd is sad")
            .And.EndWith("error: 1 of 3 job(s) could not be deleted\n")
            .And.NotContain("[y/N]");
        Cluster.Store.Jobs(Ns).Select(j => j["metadata"]!["name"]!.GetValue<string>()).Should().Equal("b");
    }

    [Test]
    public async Task A_job_gone_before_its_delete_is_what_was_asked_not_a_failure()
    {
        await SubmitAsync("a");
        await SubmitAsync("b");
        Cluster.Faults.Next(1, Fault.JobGoneMeanwhile(), "/jobs/b");

        var result = await Run("delete", "--all", "--yes");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be("job 'a' deleted\njob 'b' deleted\n");
        result.Stderr.Should().NotContain("not deleted").And.NotContain("error:");
        Cluster.Requests.Should().Contain(r => r.Method == "DELETE" && r.Path.EndsWith("/jobs/b", StringComparison.Ordinal) && r.StatusCode == 404);
    }

    [Test]
    public async Task Nothing_to_delete_says_so()
    {
        var result = await Run("delete", "--all");
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be("no jobman jobs to delete in namespace 'team-a'\n");
    }

    private static JsonObject Foreign(string name) => JsonNode.Parse("""
        {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"@NAME@"},
         "spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"x"}]}}}}
        """.Replace("@NAME@", name, StringComparison.Ordinal))!.AsObject();
}
