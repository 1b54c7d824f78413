using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;
using Jobman.Sandbox.Kubernetes.Kueue;

namespace Jobman.Plugins.KubernetesQueue.Tests.Cluster;

/// <summary>resources-flavors lists the Kueue ResourceFlavors reachable through the namespace's LocalQueues, with their source.</summary>
public class KueueFlavorTests
{
    private const string Ns = "team-a";

    [Test]
    public async Task Queue_flavors_show_quota_use_and_node_labels_beside_the_settings_flavors()
    {
        await using var cluster = await KueueClusterAsync();
        cluster.Api.GrantAuthenticated(new AccessRule(["get", "list", "watch"], "kueue.x-k8s.io", "clusterqueues"), new AccessRule(["get", "list", "watch"], "kueue.x-k8s.io", "resourceflavors"));
        var alice = cluster.Runner(cluster.Api.AddUser("alice", Ns), Ns);

        var table = await alice.RunAsync("resources-flavors");
        var json = await alice.RunAsync("resources-flavors", "-o", "json");

        table.ExitCode.Should().Be(0, table.ToString());
        table.Stderr.Should().BeEmpty();
        table.Stdout.Should().Contain("no-gpu (default)")
            .And.MatchRegex(@"QUEUE FLAVOR +SOURCE +LOCALQUEUE +CLUSTERQUEUE +QUOTA +USED +NODES\n")
            .And.MatchRegex(@"(?m)^on-demand +kueue +user-queue +cluster-queue +cpu 8, memory 32Gi +cpu 0, memory 0 +pool=on-demand\s*$")
            .And.MatchRegex(@"(?m)^a100 +kueue +user-queue +cluster-queue +nvidia.com/gpu 2 +nvidia.com/gpu 0 +gpu=a100\s*$");
        var flavors = JsonNode.Parse(json.Stdout)!.AsArray();
        flavors.Select(f => $"{f!["name"]}:{f["source"]}").Should().Equal("no-gpu:settings", "small-gpu:settings", "on-demand:kueue", "a100:kueue");
        flavors[3]!["quota"]!["nvidia.com/gpu"]!.GetValue<string>().Should().Be("2");
        flavors[3]!["nodeLabels"]!["gpu"]!.GetValue<string>().Should().Be("a100");
    }

    [Test]
    public async Task A_batch_user_without_cluster_reads_sees_the_flavors_its_queue_reports_and_question_marks()
    {
        await using var cluster = await KueueClusterAsync();
        var alice = cluster.Runner(cluster.Api.AddUser("alice", Ns), Ns);

        var result = await alice.RunAsync("resources-flavors");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().MatchRegex(@"(?m)^on-demand +kueue +user-queue +cluster-queue +\? +\? +-\s*$");
    }

    [Test]
    public async Task Queue_flavors_are_not_values_for_submit_r()
    {
        await using var cluster = await KueueClusterAsync();
        var alice = cluster.Runner(cluster.Api.AddUser("alice", Ns), Ns);

        var result = await alice.RunAsync("resources-flavors", "-o", "json");

        JsonNode.Parse(result.Stdout)!.AsArray().Where(f => (string?)f!["source"] == "kueue").Should().OnlyContain(f => f!["resources"] == null);
    }

    private static async Task<QueueCluster> KueueClusterAsync()
    {
        var cluster = await QueueCluster.StartAsync(kueue: true);
        cluster.Api.Store.PutKueue(KueueObjects.ResourceFlavor("on-demand", new Dictionary<string, string> { ["pool"] = "on-demand" }));
        cluster.Api.Store.PutKueue(KueueObjects.ResourceFlavor("a100", new Dictionary<string, string> { ["gpu"] = "a100" }));
        cluster.Api.Store.PutKueue(KueueObjects.ClusterQueue("cluster-queue", flavors:
        [
            new KueueObjects.FlavorQuota("on-demand", ("cpu", "8"), ("memory", "32Gi")),
            new KueueObjects.FlavorQuota("a100", ("nvidia.com/gpu", "2")),
        ]));
        cluster.Api.Store.PutKueue(KueueObjects.LocalQueue(Ns, "user-queue", "cluster-queue"));
        // The controller writes the LocalQueue's usage per flavor: what a batch user can read.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (cluster.Api.Store.LocalQueues(Ns).Single()["status"]?["flavorsUsage"] is not JsonArray { Count: > 0 })
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("the LocalQueue status was never written");
            }

            await Task.Delay(10);
        }

        return cluster;
    }
}
