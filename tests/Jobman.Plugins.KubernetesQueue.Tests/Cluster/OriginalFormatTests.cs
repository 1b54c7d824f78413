namespace Jobman.Plugins.KubernetesQueue.Tests.Cluster;

/// <summary>ConfigMaps written by the original CronJob (1.2.x and 1.3.16 scripts) read through the CLI.</summary>
public class OriginalFormatTests
{
    [Test]
    public async Task The_1_3_16_shape_shows_pending_running_and_mine_and_flags_a_conflicting_flavor()
    {
        await using var cluster = await QueueCluster.StartAsync();
        var now = DateTimeOffset.UtcNow.AddSeconds(-90).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        cluster.PutQueue("""
            {"updated":"NOW","jobs":[
              {"namespace":"user-bob","controllerUid":"u1","updated":"2026-11-25T10:00:00Z","podStatus":"Running","resources":{"flavor":"small-gpu","requests":{"cpu":"4","memory":"16Gi","nvidia.com/gpu":"1"}}},
              {"namespace":"user-alice","controllerUid":"u2","updated":"2026-11-25T10:01:00Z","podStatus":"Pending","resources":{"flavor":"small-gpu","requests":{"cpu":"4","memory":"16Gi","nvidia.com/gpu":"1"}}},
              {"namespace":"user-bob","controllerUid":"u3","updated":"2026-11-25T10:02:00Z","podStatus":"Pending","resources":{"flavor":"small-gpu","requests":{"cpu":"8","memory":"16Gi","nvidia.com/gpu":"1"}}},
              {"namespace":"user-alice","controllerUid":"u4","updated":"2026-11-25T10:03:00Z","podStatus":"Pending","resources":{"flavor":"small-gpu","requests":{"cpu":"4","memory":"16Gi","nvidia.com/gpu":"1"}}},
              {"namespace":"user-carol","controllerUid":"u5","updated":"2026-11-25T10:04:00Z","podStatus":"Pending","resources":{"flavor":null,"requests":{"cpu":"2","memory":"8Gi"}}}
            ]}
            """.Replace("NOW", now, StringComparison.Ordinal));

        var result = await cluster.User("alice", "user-alice").RunAsync("queue");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().StartWith("""
            FLAVOR          CPU/MEMORY/GPU   PENDING   RUNNING   TOTAL   MINE   MY POSITIONS
            small-gpu (!)   4/16Gi/1         3         1         4       2      1, 3
            <none>          2/8Gi/0          1         0         1       0      -

            MINE and MY POSITIONS are for namespace 'user-alice'; a position is the place in line among the pending jobs of the same row, oldest first.
            (!) this flavor name is used with different resources; its counts mix them.
            Queue updated 1m ago (
            """);
        result.Stderr.Should().Be("warning: flavor 'small-gpu' is used with different resources: 4/16Gi/1 (3 jobs), 8/16Gi/1 (1 job); its counts mix them" + Environment.NewLine);
    }

    [Test]
    public async Task The_1_2_shape_without_phases_counts_jobs_in_total_and_says_why()
    {
        await using var cluster = await QueueCluster.StartAsync();
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        cluster.PutQueue("""
            {"updated":"NOW","jobs":[
              {"namespace":"user-alice","name":"a","updated":"2026-11-25T10:00:00Z","resources":{"flavor":"no-gpu","requests":{"cpu":"1","memory":"4Gi"}}},
              {"namespace":"user-bob","name":"b","updated":"2026-11-25T10:01:00Z","resources":{"flavor":"no-gpu","requests":{"cpu":"1","memory":"4Gi"}}}
            ]}
            """.Replace("NOW", now, StringComparison.Ordinal));

        var result = await cluster.User("alice", "user-alice").RunAsync("queue");

        result.Stdout.Should().Contain("no-gpu   1/4Gi/0          0         0         2       1      -")
            .And.Contain("2 jobs have no phase (older publisher): they count in TOTAL only.");
    }
}
