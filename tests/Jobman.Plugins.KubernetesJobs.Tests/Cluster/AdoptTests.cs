using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Plugins.KubernetesJobs.Tests.Cluster;

/// <summary>Upgrading from jobman 1.3.x: its jobs carry no jobman label; 'adopt' labels them after a confirmation.</summary>
public class AdoptTests : ClusterTest
{
    [Test]
    public async Task Jobs_of_jobman_1_3_are_adopted_after_confirmation_then_listed_and_deleted()
    {
        Cluster.Scenarios.For("jobman-0b6f8a4e-62a4-4b5e-9c3d-1f2e3d4c5b6a", JobScenario.Hold);
        Cluster.Store.PutJob(Ns, AsJobman13Creates("jobman-0b6f8a4e-62a4-4b5e-9c3d-1f2e3d4c5b6a", "small-gpu"));
        Cluster.Store.PutJob(Ns, AsJobman13Creates("train-old", "no-gpu"));
        Cluster.Store.PutJob(Ns, JsonNode.Parse("""
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"by-kubectl"},
             "spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox","command":["true"]}]}}}}
            """)!.AsObject());

        var before = await Run("list");
        before.Stdout.Should().Be("no jobman jobs in namespace 'team-a'\n");
        before.Stderr.Should().Contain("'jobman adopt'");

        var declined = Runner();
        declined.Stdin = "n\n";
        var no = await declined.RunAsync("adopt");
        no.ExitCode.Should().Be(1, no.ToString());
        no.Stderr.Should().Contain("2 job(s) created by jobman 1.x in namespace 'team-a' will be labelled app.kubernetes.io/managed-by=jobman:")
            .And.Contain("  jobman-0b6f8a4e-62a4-4b5e-9c3d-1f2e3d4c5b6a (flavor small-gpu)").And.Contain("  train-old (flavor no-gpu)").And.Contain("nothing changed");
        Cluster.Requests.Should().NotContain(r => r.Method == "PATCH");

        var confirmed = Runner();
        confirmed.Stdin = "y\n";
        var yes = await confirmed.RunAsync("adopt");
        yes.ExitCode.Should().Be(0, yes.ToString());
        yes.Stdout.Should().Be("job 'jobman-0b6f8a4e-62a4-4b5e-9c3d-1f2e3d4c5b6a' adopted\njob 'train-old' adopted\n");
        Cluster.Store.GetJob(Ns, "train-old")!["metadata"]!["labels"]!["jobman.io/flavor"]!.GetValue<string>().Should().Be("no-gpu");
        Cluster.Store.GetJob(Ns, "by-kubectl")!["metadata"]!["labels"]!.AsObject().Should().NotContainKey("app.kubernetes.io/managed-by");

        var jobs = await ListUntilAsync(jobs => jobs.Any(j => (string?)j!["name"] == "jobman-0b6f8a4e-62a4-4b5e-9c3d-1f2e3d4c5b6a" && (string?)j["status"] == "Running")
            && jobs.Any(j => (string?)j!["name"] == "train-old" && (string?)j["status"] == "Succeeded"));
        jobs.Select(j => (string?)j!["flavor"]).Should().BeEquivalentTo("small-gpu", "no-gpu");

        var deleting = Runner();
        var delete = await deleting.RunAsync("delete", "--all", "--yes");
        delete.ExitCode.Should().Be(0, delete.ToString());
        Cluster.Store.Jobs(Ns).Select(j => (string?)j["metadata"]!["name"]).Should().Equal("by-kubectl");
        Cluster.Scenarios.Release("jobman-0b6f8a4e-62a4-4b5e-9c3d-1f2e3d4c5b6a");
    }

    [Test]
    public async Task A_named_job_is_adopted_whoever_created_it_and_nothing_is_asked()
    {
        Cluster.Store.PutJob(Ns, JsonNode.Parse("""
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"by-kubectl"},
             "spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox","command":["true"]}]}}}}
            """)!.AsObject());

        var adopted = await Run("adopt", "-j", "by-kubectl");
        var again = await Run("adopt", "-j", "by-kubectl");
        var missing = await Run("adopt", "-j", "nope");

        adopted.ExitCode.Should().Be(0, adopted.ToString());
        adopted.Stdout.Should().Be("job 'by-kubectl' adopted\n");
        again.Stdout.Should().Be("job 'by-kubectl' is already managed by jobman\n");
        missing.ExitCode.Should().Be(1);
        missing.Stderr.Should().Be("error: job 'nope' not found in namespace 'team-a'\n");
        (await ListUntilAsync(jobs => jobs.Count == 1)).Single()!["name"]!.GetValue<string>().Should().Be("by-kubectl");
    }

    [Test]
    public async Task Nothing_to_adopt_says_so()
    {
        await SubmitAsync("new-style");

        var result = await Run("adopt");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be("no jobs of jobman 1.x to adopt in namespace 'team-a'\n");
    }

    /// <summary>
    /// A job exactly as jobman 1.3.16 submits it (seed-spec 4.1): no labels and no apiVersion in the body, the flavor
    /// annotation under job.resources.label, container container-&lt;uuid&gt; with args, backoffLimit 0.
    /// </summary>
    private static JsonObject AsJobman13Creates(string name, string flavor) => JsonNode.Parse("""
        {"kind":"Job",
         "metadata":{"name":"@NAME@","namespace":"team-a","annotations":{"chaimeleon.eu/jobResourcesFlavor":"@FLAVOR@"}},
         "spec":{"backoffLimit":0,
           "template":{"metadata":{"name":"@NAME@"},
             "spec":{"containers":[{"name":"container-9d2c1a7e-3b4f-4e5a-8c6d-7e8f9a0b1c2d","image":"busybox","args":["true"],
                       "resources":{"requests":{"cpu":"1","memory":"4Gi"},"limits":{"cpu":"2","memory":"4Gi"}}}],
                     "restartPolicy":"Never"}}}}
        """.Replace("@NAME@", name, StringComparison.Ordinal).Replace("@FLAVOR@", flavor, StringComparison.Ordinal))!.AsObject();
}
