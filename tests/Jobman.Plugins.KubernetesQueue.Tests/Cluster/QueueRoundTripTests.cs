using System.Text.Json.Nodes;

namespace Jobman.Plugins.KubernetesQueue.Tests.Cluster;

/// <summary>'queue publish' as the CronJob's service account, then 'queue' as a user, against the API double.</summary>
public class QueueRoundTripTests
{
    private static readonly DateTimeOffset T0 = QueueCluster.T0;

    [Test]
    public async Task An_empty_cluster_publishes_an_empty_queue_that_users_read_as_empty()
    {
        await using var cluster = await QueueCluster.StartAsync();

        var published = await cluster.Publisher().RunAsync("queue", "publish");
        var shown = await cluster.User("alice", "user-alice").RunAsync("queue");

        published.ExitCode.Should().Be(0, published.ToString());
        published.Stdout.Should().StartWith("created ConfigMap jobman-queue/jobman-queue-position: 0 active jobs (0 pending, 0 running), full form");
        shown.ExitCode.Should().Be(0, shown.ToString());
        shown.Stdout.Should().StartWith("The queue is empty: no active jobs.").And.MatchRegex(@"Queue updated \d+s ago \(");
        shown.Stderr.Should().BeEmpty();
    }

    [Test]
    public async Task One_pending_job_is_first_in_line_for_its_owner()
    {
        await using var cluster = await QueueCluster.StartAsync();
        cluster.AddJob("user-alice", "train", T0, "Pending", flavor: "small-gpu", cpu: "4", memory: "16Gi", gpu: "1");

        (await cluster.Publisher().RunAsync("queue", "publish")).ExitCode.Should().Be(0);
        var alice = await cluster.User("alice", "user-alice").RunAsync("queue");
        var bob = await cluster.User("bob", "user-bob").RunAsync("queue");

        alice.ExitCode.Should().Be(0, alice.ToString());
        alice.Stdout.Should().StartWith("""
            FLAVOR      CPU/MEMORY/GPU   PENDING   RUNNING   TOTAL   MINE   MY POSITIONS
            small-gpu   4/16Gi/1         1         0         1       1      1

            MINE and MY POSITIONS are for namespace 'user-alice';
            """);
        bob.Stdout.Should().Contain("small-gpu   4/16Gi/1         1         0         1       0      -");
    }

    [Test]
    public async Task Phases_come_from_the_pods_and_finished_jobs_are_left_out()
    {
        await using var cluster = await QueueCluster.StartAsync();
        cluster.AddJob("user-alice", "running", T0, "Running");
        cluster.AddJob("user-alice", "pod-pending", T0.AddMinutes(1), "Pending");
        cluster.AddJob("user-bob", "no-pod-yet", T0.AddMinutes(2), null);
        cluster.AddJob("user-bob", "held", T0.AddMinutes(3), null, suspend: true);
        cluster.AddJob("user-bob", "done", T0.AddMinutes(4), "Succeeded", status: Finished("Complete"));
        cluster.AddJob("user-bob", "failed", T0.AddMinutes(5), "Failed", status: Finished("Failed"));

        var result = await cluster.Publisher().RunAsync("queue", "publish", "--dry-run");

        result.ExitCode.Should().Be(0, result.ToString());
        var jobs = JsonNode.Parse(result.Stdout)!["jobs"]!.AsArray();
        jobs.Select(j => $"{j!["name"]}={j["phase"]}").Should().BeEquivalentTo("running=Running", "pod-pending=Pending", "no-pod-yet=Pending", "held=Suspended");
        jobs.Should().OnlyContain(j => j!["podStatus"]!.GetValue<string>() == j["phase"]!.GetValue<string>());
        result.Stderr.Should().Contain("dry run: 4 active jobs (2 pending, 1 running), full form").And.Contain("nothing written");
        cluster.QueueJson().Should().BeNull("--dry-run writes nothing");
    }

    [Test]
    public async Task The_namespace_prefix_keeps_only_matching_namespaces_like_the_original()
    {
        await using var cluster = await QueueCluster.StartAsync();
        cluster.AddJob("user-alice", "a", T0, "Pending");
        cluster.AddJob("kube-system", "k", T0, "Running");

        var result = await cluster.Publisher().RunAsync("queue", "publish", "--namespace-prefix", "user-");

        result.ExitCode.Should().Be(0, result.ToString());
        JsonNode.Parse(cluster.QueueJson()!)!["jobs"]!.AsArray().Select(j => j!["namespace"]!.GetValue<string>()).Should().Equal("user-alice");
    }

    [Test]
    public async Task Positions_and_counts_follow_creation_time_within_each_flavor()
    {
        await using var cluster = await QueueCluster.StartAsync();
        cluster.AddJob("user-bob", "b1", T0, "Pending");
        cluster.AddJob("user-alice", "a1", T0.AddMinutes(1), "Pending");
        cluster.AddJob("user-bob", "b2", T0.AddMinutes(2), "Running");
        cluster.AddJob("user-bob", "b3", T0.AddMinutes(3), "Pending");
        cluster.AddJob("user-alice", "a2", T0.AddMinutes(4), "Pending");
        cluster.AddJob("user-alice", "g1", T0.AddMinutes(5), "Pending", flavor: null, cpu: "8", memory: "32Gi", gpu: "2");

        (await cluster.Publisher().RunAsync("queue", "publish")).ExitCode.Should().Be(0);
        var result = await cluster.User("alice", "user-alice").RunAsync("queue", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var doc = JsonNode.Parse(result.Stdout)!;
        doc["namespace"]!.GetValue<string>().Should().Be("user-alice");
        doc["stale"]!.GetValue<bool>().Should().BeFalse();
        var groups = doc["groups"]!.AsArray();
        groups.Select(g => g!.ToJsonString()).Should().Equal(
            """{"flavor":"no-gpu","resources":"1/4Gi/0","pending":4,"running":1,"total":5,"mine":2,"myPositions":[2,4],"conflictingResources":null}""",
            """{"flavor":null,"resources":"8/32Gi/2","pending":1,"running":0,"total":1,"mine":1,"myPositions":[1],"conflictingResources":null}""");
    }

    [Test]
    public async Task Yaml_output_is_available_too()
    {
        await using var cluster = await QueueCluster.StartAsync();
        cluster.AddJob("user-alice", "a1", T0, "Pending");
        (await cluster.Publisher().RunAsync("queue", "publish")).ExitCode.Should().Be(0);

        var result = await cluster.User("alice", "user-alice").RunAsync("queue", "-o", "yaml");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("namespace: user-alice").And.Contain("flavor: no-gpu").And.Contain("myPositions:");
    }

    [Test]
    public async Task The_namespace_option_chooses_whose_jobs_are_mine()
    {
        await using var cluster = await QueueCluster.StartAsync();
        cluster.AddJob("user-alice", "a1", T0, "Pending");
        cluster.AddJob("team-x", "t1", T0.AddMinutes(1), "Pending");
        (await cluster.Publisher().RunAsync("queue", "publish")).ExitCode.Should().Be(0);

        var result = await cluster.User("alice", "user-alice").RunAsync("queue", "-n", "team-x");

        result.Stdout.Should().Contain("no-gpu   1/4Gi/0          2         0         2       1      2");
    }

    private static JsonObject Finished(string condition) => new()
    {
        ["conditions"] = new JsonArray(new JsonObject { ["type"] = condition, ["status"] = "True" }),
    };
}
