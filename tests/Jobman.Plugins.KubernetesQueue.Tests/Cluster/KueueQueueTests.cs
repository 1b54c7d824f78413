using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;
using Jobman.Sandbox.Kubernetes.Kueue;

namespace Jobman.Plugins.KubernetesQueue.Tests.Cluster;

/// <summary>
/// jobman queue on a Kueue cluster: per LocalQueue and flavor from Kueue itself (no publisher), degrading to what a
/// batch user may read (LocalQueues, visibility) with a one-line note when the ClusterQueue is admin-only.
/// </summary>
public class KueueQueueTests
{
    private const string Ns = "team-a";

    [Test]
    public async Task A_batch_user_sees_its_queue_counts_and_positions_and_a_note_for_the_unreadable_cluster_queue()
    {
        await using var cluster = await KueueClusterAsync();
        var alice = cluster.Runner(cluster.Api.AddUser("alice", Ns), Ns);
        await FillAsync(cluster);

        var result = await alice.RunAsync("queue");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().Be("ClusterQueue 'cluster-queue' may not be read (clusterqueues.kueue.x-k8s.io \"cluster-queue\" is forbidden: User \"alice\" cannot get resource \"clusterqueues\" in API group \"kueue.x-k8s.io\" at the cluster scope): its quota and cluster-wide counts are not shown (?)\n");
        result.Stdout.Should().MatchRegex(@"LOCALQUEUE +CLUSTERQUEUE +PENDING +ADMITTED +MINE PENDING +MINE ADMITTED +MY POSITIONS\nuser-queue +cluster-queue +\? +\? +2 +2 +2, 3\n");
        result.Stdout.Should().MatchRegex(@"(?m)^user-queue +default-flavor +cpu +\? +\? +2\s*$");
        cluster.Api.Requests.Should().NotContain(r => r.Path.Contains("configmaps", StringComparison.Ordinal), "no publisher is needed");
    }

    [Test]
    public async Task With_read_access_to_cluster_queues_the_quota_and_cluster_wide_counts_show()
    {
        await using var cluster = await KueueClusterAsync();
        cluster.Api.GrantAuthenticated(new AccessRule(["get", "list", "watch"], "kueue.x-k8s.io", "clusterqueues"));
        var alice = cluster.Runner(cluster.Api.AddUser("alice", Ns), Ns);
        await FillAsync(cluster);
        cluster.Api.ClearRequests();

        var table = await alice.RunAsync("queue");
        var requests = cluster.Api.Requests.ToList();
        var json = await alice.RunAsync("queue", "-o", "json");

        table.ExitCode.Should().Be(0, table.ToString());
        table.Stderr.Should().BeEmpty();
        table.Stdout.Should().MatchRegex(@"\nuser-queue +cluster-queue +3 +2 +2 +2 +2, 3\n", "team-b's waiting job is first in the shared ClusterQueue");
        table.Stdout.Should().MatchRegex(@"(?m)^user-queue +default-flavor +cpu +2 +2 +2\s*$");
        table.Stdout.Should().MatchRegex(@"(?m)^user-queue +default-flavor +memory +8Gi +\S+ +\S+\s*$");
        requests.Select(r => r.Path).Should().BeEquivalentTo(
            $"/apis/kueue.x-k8s.io/v1beta2/namespaces/{Ns}/localqueues",
            "/apis/kueue.x-k8s.io/v1beta2/clusterqueues/cluster-queue",
            $"/apis/visibility.kueue.x-k8s.io/v1beta2/namespaces/{Ns}/localqueues/user-queue/pendingworkloads");
        var data = JsonNode.Parse(json.Stdout)!;
        data["source"]!.GetValue<string>().Should().Be("kueue");
        var queue = data["localQueues"]![0]!;
        queue["clusterQueuePending"]!.GetValue<int>().Should().Be(3);
        queue["pendingWorkloads"]!.AsArray().Select(p => p!["positionInClusterQueue"]!.GetValue<int>()).Should().Equal(1, 2);
        queue["pendingWorkloads"]!.AsArray().Select(p => p!["job"]!.GetValue<string>()).Should().Equal("a-3", "a-4");
    }

    [Test]
    public async Task Without_local_queues_in_the_namespace_the_published_queue_is_shown_as_before()
    {
        await using var cluster = await KueueClusterAsync();
        var bob = cluster.User("bob", "team-c");
        var published = await cluster.Publisher().RunAsync("queue", "publish");
        published.ExitCode.Should().Be(0, published.ToString());

        var result = await bob.RunAsync("queue");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("Queue updated").And.NotContain("LOCALQUEUE");
        cluster.Api.Requests.Should().Contain(r => r.Path.EndsWith("/configmaps/" + QueueCluster.QueueConfigMap, StringComparison.Ordinal));
    }

    [Test]
    public async Task On_a_cluster_without_kueue_nothing_changes_and_nothing_is_said_about_kueue()
    {
        await using var cluster = await QueueCluster.StartAsync();
        var alice = cluster.User("alice", Ns);

        var result = await alice.RunAsync("queue");

        result.Stderr.Should().NotContain("Kueue");
        result.Stdout.Should().NotContain("LOCALQUEUE");
    }

    private static async Task<QueueCluster> KueueClusterAsync()
    {
        var cluster = await QueueCluster.StartAsync(kueue: true);
        cluster.Api.Store.PutKueue(KueueObjects.ResourceFlavor("default-flavor"));
        cluster.Api.Store.PutKueue(KueueObjects.ClusterQueue("cluster-queue", flavors: new KueueObjects.FlavorQuota("default-flavor", ("cpu", "2"), ("memory", "8Gi"))));
        cluster.Api.Store.PutKueue(KueueObjects.LocalQueue(Ns, "user-queue", "cluster-queue"));
        cluster.Api.Store.PutKueue(KueueObjects.LocalQueue("team-b", "b-queue", "cluster-queue"));
        return cluster;
    }

    /// <summary>team-a: two jobs admitted (1 cpu each), then team-b's job, then two more of team-a's: three waiting.</summary>
    private static async Task FillAsync(QueueCluster cluster)
    {
        foreach (var (ns, name, queue) in new[] { (Ns, "a-1", "user-queue"), (Ns, "a-2", "user-queue"), ("team-b", "b-1", "b-queue"), (Ns, "a-3", "user-queue"), (Ns, "a-4", "user-queue") })
        {
            // Jobs the double's job controller leaves alone: only Kueue's bookkeeping matters here.
            cluster.AddJob(ns, name, QueueCluster.T0, podPhase: null, flavor: null, memory: "1Gi", suspend: true, kueueQueue: queue);
            // One at a time, so creation order is queue order.
            await Poll(() => cluster.Api.Store.Workloads(ns).Any(w => w["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>() == name));
        }

        await Poll(() => cluster.Api.Store.GetClusterQueue("cluster-queue")?["status"]?["pendingWorkloads"]?.GetValue<int>() == 3
            && cluster.Api.Store.LocalQueues(Ns).Single(q => q["metadata"]!["name"]!.GetValue<string>() == "user-queue")["status"]?["pendingWorkloads"]?.GetValue<int>() == 2);
    }

    private static async Task Poll(Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("the Kueue double did not reach the expected state");
            }

            await Task.Delay(10);
        }
    }
}
