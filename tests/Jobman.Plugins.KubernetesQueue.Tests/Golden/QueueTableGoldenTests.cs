using Jobman.Plugins.KubernetesQueue.Tests.Cluster;
using Jobman.Testing.Golden;
using Microsoft.Extensions.DependencyInjection;

namespace Jobman.Plugins.KubernetesQueue.Tests.Golden;

/// <summary>
/// The queue table of a fixed published ConfigMap read at a fixed time, against golden files in
/// tests/Jobman.Plugins.KubernetesQueue.Tests/golden: a change of columns, wording or layout is a reviewed diff.
/// </summary>
public sealed class QueueTableGoldenTests
{
    private const string Project = "Jobman.Plugins.KubernetesQueue.Tests";

    [Test]
    public async Task Queue_table_with_my_positions_and_a_conflicting_flavor()
    {
        await using var cluster = await QueueCluster.StartAsync();
        cluster.PutQueue("""
            {"updated":"2026-11-25T10:10:00Z","jobs":[
              {"namespace":"user-bob","controllerUid":"u1","updated":"2026-11-25T10:00:00Z","podStatus":"Running","resources":{"flavor":"small-gpu","requests":{"cpu":"4","memory":"16Gi","nvidia.com/gpu":"1"}}},
              {"namespace":"user-alice","controllerUid":"u2","updated":"2026-11-25T10:01:00Z","podStatus":"Pending","resources":{"flavor":"small-gpu","requests":{"cpu":"4","memory":"16Gi","nvidia.com/gpu":"1"}}},
              {"namespace":"user-bob","controllerUid":"u3","updated":"2026-11-25T10:02:00Z","podStatus":"Pending","resources":{"flavor":"small-gpu","requests":{"cpu":"8","memory":"16Gi","nvidia.com/gpu":"1"}}},
              {"namespace":"user-alice","controllerUid":"u4","updated":"2026-11-25T10:03:00Z","podStatus":"Pending","resources":{"flavor":"small-gpu","requests":{"cpu":"4","memory":"16Gi","nvidia.com/gpu":"1"}}},
              {"namespace":"user-alice","controllerUid":"u6","updated":"2026-11-25T10:03:30Z","podStatus":"Running","resources":{"flavor":"no-gpu","requests":{"cpu":"1","memory":"4Gi"}}},
              {"namespace":"user-carol","controllerUid":"u5","updated":"2026-11-25T10:04:00Z","podStatus":"Pending","resources":{"flavor":null,"requests":{"cpu":"2","memory":"8Gi"}}}
            ]}
            """);
        var runner = cluster.User("alice", "user-alice");
        var configure = runner.Configure;
        runner.Configure = services =>
        {
            configure?.Invoke(services);
            services.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2026, 11, 25, 10, 12, 30, TimeSpan.Zero)));
        };

        var result = await runner.RunAsync("queue");

        result.ExitCode.Should().Be(0, result.ToString());
        GoldenFile.Check(Project, "tables/queue.txt", result.Stdout);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
