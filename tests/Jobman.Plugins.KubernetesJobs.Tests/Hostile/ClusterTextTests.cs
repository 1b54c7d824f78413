using System.Text.Json.Nodes;
using Jobman.Plugins.KubernetesJobs.Tests.Cluster;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Plugins.KubernetesJobs.Tests.Hostile;

/// <summary>
/// Text from the cluster is data: escape sequences and line breaks in objects and server messages are shown escaped
/// in text output (items 6 and 9), exact in <c>-o json</c>; deletes are bound to the object that was shown (item 2).
/// </summary>
public class ClusterTextTests : ClusterTest
{
    private const string Hostile = "evil\u001b]0;owned\u0007\u001b[2J\nline";

    [Test]
    public async Task Escape_sequences_in_a_job_are_shown_escaped_in_list_and_details_and_kept_in_json()
    {
        var job = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = "shady",
                ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "jobman" },
                ["annotations"] = new JsonObject { ["job.resources.label"] = Hostile },
            },
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "jobman" } },
                    ["spec"] = new JsonObject
                    {
                        ["restartPolicy"] = "Never",
                        ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "busybox\u001b[31m", ["command"] = new JsonArray("sh", "-c", Hostile) }),
                    },
                },
            },
        };
        Cluster.Scenarios.For("shady", JobScenario.Hold);
        Cluster.Store.PutJob(Ns, job);

        var list = await Run("list", "-o", "wide");
        var details = await Run("details", "-j", "shady");
        var json = await Run("details", "-j", "shady", "-o", "json");

        foreach (var text in new[] { list, details })
        {
            text.ExitCode.Should().Be(0, text.ToString());
            text.Stdout.Should().NotContain("\u001b").And.NotContain("\u0007");
        }

        details.Stdout.Should().Contain("busybox\\x1b[31m").And.Contain("evil\\x1b]0;owned\\x07\\x1b[2J\\nline");
        json.ExitCode.Should().Be(0, json.ToString());
        JsonNode.Parse(json.Stdout)!["job"]!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>().Should().Be("busybox\u001b[31m");
    }

    [Test]
    public async Task A_server_message_with_line_breaks_and_escapes_is_one_escaped_line()
    {
        Cluster.Faults.Next(50, Fault.ServerError("etcd said:\nsecond line\u001b[2J\r\n"), "/jobs");

        var result = await Run("details", "-j", "anything");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().StartWith("error: ").And.Contain("etcd said:\\nsecond line\\x1b[2J").And.EndWith("\n");
        result.Stderr.TrimEnd('\n').Should().NotContain("\n").And.NotContain("\u001b").And.NotContain("\r");
    }

    [Test]
    public async Task Delete_all_skips_a_job_replaced_while_the_prompt_was_open()
    {
        await SubmitAsync("first", JobScenario.Hold);
        await SubmitAsync("second", JobScenario.Hold);
        var runner = Runner();
        var foreignUid = string.Empty;
        runner.StdinReader = new PromptAction(
            () =>
            {
                // Someone else deletes 'second' and creates their own job of that name (no jobman label).
                var doomed = Cluster.Store.GetJob(Ns, "second")!;
                Cluster.Store.PutJob(Ns, new JsonObject
                {
                    ["metadata"] = new JsonObject { ["name"] = "second" },
                    ["spec"] = doomed["spec"]!.DeepClone(),
                }, managed: false);
                foreignUid = Cluster.Store.GetJob(Ns, "second")!["metadata"]!["uid"]!.GetValue<string>();
            },
            "y");

        var result = await runner.RunAsync("delete", "--all");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stdout.Should().Contain("job 'first' deleted");
        result.Stderr.Should().Contain("warning: job 'second' not deleted: job 'second' changed since it was read").And.EndWith("error: 1 of 2 job(s) could not be deleted\n");
        Cluster.Store.GetJob(Ns, "first").Should().BeNull();
        Cluster.Store.GetJob(Ns, "second")!["metadata"]!["uid"]!.GetValue<string>().Should().Be(foreignUid);
        Cluster.Requests.Where(r => r.Method == "DELETE").Should().HaveCount(2);
    }

    [Test]
    public async Task Delete_of_one_job_names_its_uid()
    {
        await SubmitAsync("one", JobScenario.Hold);
        var uid = Cluster.Store.GetJob(Ns, "one")!["metadata"]!["uid"]!.GetValue<string>();
        Cluster.ClearRequests();

        var result = await Run("delete", "-j", "one");

        result.ExitCode.Should().Be(0, result.ToString());
        Cluster.Requests.Select(r => r.Method).Should().Equal("GET", "DELETE");
        Cluster.Store.GetJob(Ns, "one").Should().BeNull();
        uid.Should().NotBeEmpty();
    }
}
