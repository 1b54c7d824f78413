using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Plugins.KubernetesJobs.Tests.Cluster;

public class DetailsTests : ClusterTest
{
    [Test]
    public async Task Details_summarises_status_pods_and_events()
    {
        await SubmitAsync("broken", JobScenario.Exit(3, "bad input"), ["-r", "small-gpu"], "false");
        await WaitForStatusAsync("broken", "Failed");
        Cluster.Store.PutEvent(Ns, Event("broken.1", "broken", "BackoffLimitExceeded", "Job has reached the specified backoff limit"));
        Cluster.Store.PutEvent(Ns, Event("other.1", "other", "Unrelated", "not about this job"));

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
            // The double records the controller's own events too (SuccessfulCreate, ...), in an order that depends on timing.
            .And.MatchRegex(@"Events:\nAGE +TYPE +REASON +OBJECT +MESSAGE\n(.+\n)*\S+ +Warning +BackoffLimitExceeded +job/broken +Job has reached the specified backoff limit\n")
            .And.NotContain("Unrelated");
        Cluster.Requests.Should().Contain(r => r.Path == "/api/v1/namespaces/team-a/events" && r.Query.Contains("fieldSelector=involvedObject.name%3Dbroken", StringComparison.Ordinal));
    }

    [Test]
    public async Task Details_lists_events_oldest_first_and_same_second_events_in_the_order_they_happened()
    {
        Cluster.Store.PutJob(Ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "story" },
            ["spec"] = new JsonObject { ["template"] = new JsonObject { ["spec"] = new JsonObject
            {
                ["restartPolicy"] = "Never",
                ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "busybox" }),
            } } },
        }, managed: false);
        var now = DateTime.UtcNow;
        // Stored in this order within one second, with names that sort the other way round (lists come back by name).
        Cluster.Store.PutEvent(Ns, Event("z-event", "story", "First", "created first", now));
        Cluster.Store.PutEvent(Ns, Event("m-event", "story", "Second", "created second", now));
        Cluster.Store.PutEvent(Ns, Event("a-event", "story", "Third", "created third", now));
        Cluster.Store.PutEvent(Ns, Event("b-event", "story", "Earliest", "a minute before the others", now.AddMinutes(-1)));

        var result = await Run("details", "-j", "story");

        result.ExitCode.Should().Be(0, result.ToString());
        var reasons = result.Stdout[result.Stdout.IndexOf("Events:", StringComparison.Ordinal)..].Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(cells => cells.Length > 2 && cells[1] == "Warning")
            .Select(cells => cells[2]);
        reasons.Should().Equal("Earliest", "First", "Second", "Third");
    }

    private static JsonObject Event(string name, string objectName, string reason, string message, DateTime? at = null) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name },
        ["involvedObject"] = new JsonObject { ["kind"] = "Job", ["name"] = objectName, ["namespace"] = Ns },
        ["reason"] = reason,
        ["message"] = message,
        ["type"] = "Warning",
        ["lastTimestamp"] = (at ?? DateTime.UtcNow).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
    };

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
    public async Task Details_as_json_prints_the_whole_objects_the_server_sent()
    {
        await SubmitAsync("whole");
        await WaitForStatusAsync("whole", "Succeeded");

        var json = await Run("details", "-j", "whole", "-o", "json");
        json.ExitCode.Should().Be(0, json.ToString());
        var doc = JsonNode.Parse(json.Stdout)!;
        // The store keeps objects without kind and apiVersion; the server adds them to what it sends.
        var job = Cluster.Store.GetJob(Ns, "whole")!;
        job["kind"] = "Job";
        job["apiVersion"] = "batch/v1";
        JsonNode.DeepEquals(doc["job"], job).Should().BeTrue($"{doc["job"]!.ToJsonString()}\nvs\n{job.ToJsonString()}");

        var pod = doc["pods"]![0]!.AsObject();
        pod["kind"]!.GetValue<string>().Should().Be("Pod");
        pod["apiVersion"]!.GetValue<string>().Should().Be("v1");
        var stored = Cluster.Store.GetPod(Ns, (string)pod["metadata"]!["name"]!)!;
        stored["kind"] = "Pod";
        stored["apiVersion"] = "v1";
        JsonNode.DeepEquals(pod, stored).Should().BeTrue($"{pod.ToJsonString()}\nvs\n{stored.ToJsonString()}");
        pod["spec"]!["restartPolicy"]!.GetValue<string>().Should().Be("Never");
        pod["spec"]!["containers"]![0]!["resources"]!["requests"].Should().NotBeNull();
        pod["status"]!["conditions"]!.AsArray().Should().NotBeEmpty();
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
