using System.Text.Json.Nodes;
using Jobman.Testing.Kubernetes;

namespace Jobman.Plugins.KubernetesJobs.Tests.Cluster;

public class DetailsTests : ClusterTest
{
    [Test]
    public async Task Details_summarises_status_pods_and_events()
    {
        await SubmitAsync("broken", JobScenario.Exit(3, "bad input"), ["-r", "small-gpu"], "false");
        await WaitForStatusAsync("broken", "Failed");

        var result = await Run("details", "-j", "broken");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("Name:      broken\n")
            .And.Contain("Status:    Failed (BackoffLimitExceeded: exit code 3)\n")
            .And.Contain("Flavor:    small-gpu\n")
            .And.Contain("Image:     busybox\n")
            .And.Contain("Command:   false\n")
            .And.Contain("Conditions:\nTYPE")
            .And.Contain("BackoffLimitExceeded")
            .And.Contain("Pods:\nNAME")
            .And.MatchRegex(@"broken-[a-z0-9]{5} +Failed +terminated +exit code 3 +3 +")
            .And.Contain("Events:");
    }

    [Test]
    public async Task Details_as_json_and_yaml_has_the_job_and_its_pods()
    {
        await SubmitAsync("done");
        await WaitForStatusAsync("done", "Succeeded");

        var json = await Run("details", "-j", "done", "-o", "json");
        json.ExitCode.Should().Be(0, json.ToString());
        var doc = JsonNode.Parse(json.Stdout)!;
        doc["job"]!["metadata"]!["name"]!.GetValue<string>().Should().Be("done");
        doc["pods"]!.AsArray().Should().ContainSingle();
        doc["pods"]![0]!["status"]!["phase"]!.GetValue<string>().Should().Be("Succeeded");

        var yaml = await Run("details", "-j", "done", "-o", "yaml");
        yaml.Stdout.Should().StartWith("job:\n").And.Contain("\npods:\n");
    }

    [Test]
    public async Task Missing_job_is_named_with_its_namespace()
    {
        var result = await Run("details", "-j", "nope");
        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Be("error: job 'nope' not found in namespace 'team-a'\n");
    }

    [Test]
    public async Task Job_name_is_required()
    {
        var result = await Run("details");
        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("-j/--job-name");
    }
}
