using System.Text.Json.Nodes;
using Jobman.Plugins.KubernetesJobs.Tests.Cluster;
using Jobman.Plugins.KubernetesQueue;

namespace Jobman.Plugins.KubernetesJobs.Tests.Hostile;

/// <summary>
/// Issue #11's acceptance table: for every hostile or mistaken command line, the documented exit code, exactly one
/// line on stderr (<c>error: ...</c>) with no stack trace and nothing raw from the input, nothing on stdout, and
/// the cluster double untouched: no request at all for a usage error, no change of state for a failed operation.
/// </summary>
public class HostileInputTests : ClusterTest
{
    public static IEnumerable<TestCaseData> Cases() =>
        HostileCases.All().Select(c => new TestCaseData(c).SetName(Safe(c.Name)));

    [Test]
    public void The_table_has_at_least_80_cases() => HostileCases.All().Should().HaveCountGreaterThanOrEqualTo(80);

    [TestCaseSource(nameof(Cases))]
    public async Task Refused_with_one_line_and_the_cluster_untouched(HostileCase hostile)
    {
        Cluster.Store.PutJob(Ns, Job("keep"));
        Cluster.Store.PutJob(Ns, Job("foreign"), managed: false);
        var done = Job("done");
        done["status"] = new JsonObject { ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Complete", ["status"] = "True" }) };
        Cluster.Store.PutJob(Ns, done, managed: false);
        hostile.Prepare?.Invoke(Folder);
        var before = State();
        Cluster.ClearRequests();

        var runner = Runner(hostile.Settings).WithPlugin(new KubernetesQueuePlugin());
        var result = await runner.RunAsync([.. hostile.Args.Select(a => a.Replace("{folder}", Folder, StringComparison.Ordinal))]);

        result.ExitCode.Should().Be(hostile.ExitCode, result.ToString());
        result.Stdout.Should().BeEmpty(result.ToString());
        result.Stderr.Should().StartWith("error: ").And.EndWith("\n").And.Contain(hostile.Expect, result.ToString());
        result.Stderr.TrimEnd('\n').Should().NotContain("\n", "one line only").And.NotContain("\r").And.NotContain("\u001b").And.NotContain("\t");
        result.Stderr.Should().NotContain("   at ").And.NotContain("Exception").And.NotContain("unexpected");
        if (hostile.MayAskCluster)
        {
            State().Should().Equal(before, "a failed operation changes nothing");
        }
        else
        {
            Cluster.Requests.Should().BeEmpty("a usage error is found before any request");
        }
    }

    private List<string> State() =>
        [.. Cluster.Store.Jobs(Ns).Concat(Cluster.Store.Jobs("team-b")).Select(j => $"{j["metadata"]!["name"]}/{j["metadata"]!["uid"]}").Order(StringComparer.Ordinal)];

    private static JsonObject Job(string name) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["template"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["restartPolicy"] = "Never",
                    ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "busybox", ["command"] = new JsonArray("true") }),
                },
            },
        },
    };

    private static string Safe(string name) => name.Replace(".", "\u2024", StringComparison.Ordinal).Replace("(", "[", StringComparison.Ordinal).Replace(")", "]", StringComparison.Ordinal);
}
