using System.Text;
using System.Text.Json.Nodes;
using Jobman.Plugins.KubernetesQueue.Model;
using Jobman.Plugins.KubernetesQueue.Publishing;
using Jobman.Plugins.KubernetesQueue.Reporting;
using Jobman.Plugins.KubernetesQueue.Tests.Unit;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Plugins.KubernetesQueue.Tests.Cluster;

/// <summary>'queue publish' at scale, under concurrency and faults, and 'queue' reading what it wrote.</summary>
public class QueuePublishTests
{
    private static readonly DateTimeOffset T0 = QueueCluster.T0;

    [Test]
    public async Task A_thousand_jobs_cost_two_paged_lists_and_one_write_and_read_back_exactly()
    {
        await using var cluster = await QueueCluster.StartAsync();
        var expectedPendingAlice = new List<int>();
        for (var i = 0; i < 1000; i++)
        {
            var ns = $"user-{i % 37:D2}";
            var running = i % 5 == 0;
            cluster.AddJob(ns, $"job-{i:D4}", T0.AddSeconds(i), running ? "Running" : (i % 2 == 0 ? "Pending" : null), flavor: i % 3 == 0 ? "small-gpu" : "no-gpu");
        }

        cluster.Api.ClearRequests();
        var published = await cluster.Publisher().RunAsync("queue", "publish");

        published.ExitCode.Should().Be(0, published.ToString());
        published.Stdout.Should().MatchRegex(@"^created ConfigMap jobman-queue/jobman-queue-position: 1000 active jobs \(800 pending, 200 running\), full form, \d+ KiB");
        var calls = cluster.Api.Requests.Select(r => $"{r.Method} {r.Path}?{r.Query.TrimStart('?')}").ToList();
        calls.Count(c => c.StartsWith("GET /apis/batch/v1/jobs?", StringComparison.Ordinal)).Should().Be(2);
        calls.Should().OnlyContain(c => !c.StartsWith("GET /apis/batch/v1/jobs?", StringComparison.Ordinal) || c.Contains("limit=500"));
        calls.Count(c => c.StartsWith("GET /api/v1/pods?", StringComparison.Ordinal)).Should().Be(2);
        calls.Where(c => c.StartsWith("GET /api/v1/pods?", StringComparison.Ordinal)).Should().OnlyContain(c => c.Contains("labelSelector=batch.kubernetes.io%2Fjob-name"));
        calls.Should().HaveCount(6, "jobs x2, pods x2, get + create of the ConfigMap; never one call per job: " + string.Join(", ", calls));

        var shown = await cluster.User("alice", "user-07").RunAsync("queue", "-o", "json");
        var groups = JsonNode.Parse(shown.Stdout)!["groups"]!.AsArray();
        var noGpu = groups.Single(g => g!["flavor"]!.GetValue<string>() == "no-gpu")!;
        var mine = Enumerable.Range(0, 1000).Where(i => i % 3 != 0).ToList();
        noGpu["total"]!.GetValue<long>().Should().Be(mine.Count);
        noGpu["running"]!.GetValue<long>().Should().Be(mine.Count(i => i % 5 == 0));
        var pendingLine = mine.Where(i => i % 5 != 0).ToList();
        var expectedPositions = pendingLine.Select((job, index) => (job, index)).Where(p => p.job % 37 == 7).Select(p => (long)p.index + 1);
        noGpu["myPositions"]!.AsArray().Select(p => p!.GetValue<long>()).Should().Equal(expectedPositions);
    }

    [Test]
    public async Task A_queue_too_big_for_one_entry_per_job_is_published_compact_and_read_with_exact_positions()
    {
        await using var cluster = await QueueCluster.StartAsync();
        for (var i = 0; i < 5000; i++)
        {
            cluster.AddJob($"user-{i % 50:D2}", $"j{i:D4}", T0.AddSeconds(i * 2), i % 4 == 0 ? "Running" : "Pending", flavor: i % 2 == 0 ? "no-gpu" : "small-gpu");
        }

        var published = await cluster.Publisher().RunAsync("queue", "publish");
        var shown = await cluster.User("alice", "user-21").RunAsync("queue", "-o", "json");

        published.Stdout.Should().MatchRegex(@"5000 active jobs \(3750 pending, 1250 running\), compact form, \d+ KiB");
        JsonNode.Parse(cluster.QueueJson()!)!["format"]!.GetValue<string>().Should().Be("jobman.queue/v2-compact");
        var smallGpu = JsonNode.Parse(shown.Stdout)!["groups"]!.AsArray().Single(g => g!["flavor"]!.GetValue<string>() == "small-gpu")!;
        var line = Enumerable.Range(0, 5000).Where(i => i % 2 == 1 && i % 4 != 0).ToList();
        smallGpu["pending"]!.GetValue<long>().Should().Be(line.Count);
        smallGpu["myPositions"]!.AsArray().Select(p => p!.GetValue<long>())
            .Should().Equal(line.Select((job, index) => (job, index)).Where(p => p.job % 50 == 21).Select(p => (long)p.index + 1));
    }

    [Test]
    public async Task Fifty_thousand_jobs_in_a_published_ConfigMap_are_read_with_exact_counts_and_positions()
    {
        await using var cluster = await QueueCluster.StartAsync();
        var jobs = QueueJobs.Many(50_000);
        var updated = DateTimeOffset.UtcNow;
        var document = new QueueDocumentBuilder().Build(jobs, updated);
        cluster.PutQueue(Encoding.UTF8.GetString(document.Json));
        var expected = QueueReport.Build(
            new QueueSnapshot(updated, jobs.Select(j => new QueueCohort(j.Namespace, j.Flavor, j.Requests, j.Phase, j.Created, 1, j.Name)).ToList(), QueueForm.Full),
            "user-123", ["nvidia.com/gpu"], updated);

        var json = await cluster.User("u123", "user-123").RunAsync("queue", "-o", "json");
        var table = await cluster.User("u124", "user-124").RunAsync("queue");

        document.Json.Length.Should().BeLessThan(1024 * 1024);
        json.ExitCode.Should().Be(0, json.ToString());
        var groups = JsonNode.Parse(json.Stdout)!["groups"]!.AsArray();
        groups.Select(g => (g!["resources"]!.GetValue<string>(), g["pending"]!.GetValue<long>(), g["running"]!.GetValue<long>(), g["total"]!.GetValue<long>(), g["mine"]!.GetValue<long>()))
            .Should().Equal(expected.Rows.Select(r => (r.Resources, r.Pending, r.Running, r.Total, r.Mine!.Value)));
        groups.Select(g => g!["myPositions"]!.AsArray().Select(p => p!.GetValue<long>()).ToList())
            .Should().BeEquivalentTo(expected.Rows.Select(r => r.MyPositions), o => o.WithStrictOrdering());
        table.Stdout.Should().MatchRegex(@"(?m)^no-gpu\s+1/4Gi/0\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+, \d+, .*\(\+\d+\)$");
    }

    [Test]
    public async Task An_update_keeps_other_data_keys_and_replaces_with_the_read_resourceVersion()
    {
        await using var cluster = await QueueCluster.StartAsync();
        cluster.Api.Store.PutConfigMap(QueueCluster.QueueNamespace, QueueCluster.QueueConfigMap, new Dictionary<string, string> { ["note"] = "kept", [QueueCluster.QueueConfigMap] = "old" });
        cluster.AddJob("user-alice", "a", T0, "Pending");

        var result = await cluster.Publisher().RunAsync("queue", "publish");

        result.Stdout.Should().StartWith("updated ConfigMap jobman-queue/jobman-queue-position: 1 active jobs");
        var cm = cluster.Api.Store.GetConfigMap(QueueCluster.QueueNamespace, QueueCluster.QueueConfigMap)!;
        cm["data"]!["note"]!.GetValue<string>().Should().Be("kept");
        JsonNode.Parse(cluster.QueueJson()!)!["jobs"]!.AsArray().Should().ContainSingle();
    }

    [Test]
    public async Task A_concurrent_change_between_read_and_replace_is_retried_not_overwritten_blindly()
    {
        await using var cluster = await QueueCluster.StartAsync();
        cluster.Api.Store.PutConfigMap(QueueCluster.QueueNamespace, QueueCluster.QueueConfigMap, new Dictionary<string, string> { [QueueCluster.QueueConfigMap] = "old" });
        cluster.AddJob("user-alice", "a", T0, "Pending");
        var interfered = 0;
        await using var proxy = await InterceptingProxy.StartAsync(cluster.Api.BaseUri, cluster.Api.CaCertificatePem, (method, path) =>
        {
            if (method == "PUT" && path.EndsWith("/configmaps/" + QueueCluster.QueueConfigMap, StringComparison.Ordinal) && Interlocked.Increment(ref interfered) == 1)
            {
                // Another writer (a second publisher, an admin's kubectl edit) wins the race.
                cluster.Api.Store.PutConfigMap(QueueCluster.QueueNamespace, QueueCluster.QueueConfigMap, new Dictionary<string, string>
                {
                    [QueueCluster.QueueConfigMap] = "other writer",
                    ["added-meanwhile"] = "yes",
                });
            }
        });
        var publisher = cluster.Publisher();
        publisher.Environment["KUBECONFIG"] = proxy.WriteKubeconfig(Path.Combine(publisher.HomeDirectory, "proxy.yaml"), cluster.PublisherToken);
        cluster.Api.ClearRequests();

        var result = await publisher.RunAsync("queue", "publish");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().StartWith("updated ConfigMap jobman-queue/jobman-queue-position after 1 conflict(s): 1 active jobs");
        cluster.Api.Requests.Where(r => r.Path.Contains("/configmaps/", StringComparison.Ordinal)).Select(r => $"{r.Method} {r.StatusCode}")
            .Should().Equal("GET 200", "PUT 409", "GET 200", "PUT 200");
        var cm = cluster.Api.Store.GetConfigMap(QueueCluster.QueueNamespace, QueueCluster.QueueConfigMap)!;
        cm["data"]!["added-meanwhile"]!.GetValue<string>().Should().Be("yes", "the re-read picked up the other writer's change");
        JsonNode.Parse(cluster.QueueJson()!)!["jobs"]!.AsArray().Should().ContainSingle();
    }

    [Test]
    public async Task Throttling_and_server_errors_are_retried()
    {
        await using var cluster = await QueueCluster.StartAsync();
        cluster.AddJob("user-alice", "a", T0, "Pending");
        cluster.Api.Faults.Next(1, Fault.TooManyRequests(0), pathContains: "/jobs");
        cluster.Api.Faults.Next(1, Fault.ServerError(), pathContains: "/pods");
        cluster.Api.Faults.Next(1, Fault.ServerError(), pathContains: "/configmaps");

        var result = await cluster.Publisher().RunAsync("queue", "publish");

        result.ExitCode.Should().Be(0, result.ToString());
        cluster.Api.Requests.Select(r => r.StatusCode).Should().Contain([429, 500]);
        JsonNode.Parse(cluster.QueueJson()!)!["jobs"]!.AsArray().Should().ContainSingle();
    }

    [Test]
    public async Task A_publisher_without_cluster_wide_list_rights_fails_with_a_403_line()
    {
        await using var cluster = await QueueCluster.StartAsync();

        var result = await cluster.User("alice", "user-alice").RunAsync("queue", "publish");

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().StartWith("error: cannot list jobs in all namespaces: permission denied (403 Forbidden): ")
            .And.Subject.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1);
    }

    [Test]
    public async Task An_expired_continue_token_falls_back_to_one_unpaged_list_like_the_jobs_commands()
    {
        await using var cluster = await QueueCluster.StartAsync();
        for (var i = 0; i < 501; i++)
        {
            cluster.AddJob("user-alice", $"j{i:D3}", T0.AddSeconds(i), null);
        }

        cluster.Api.Faults.ExpireContinueTokens = true;
        var result = await cluster.Publisher().RunAsync("queue", "publish");

        result.ExitCode.Should().Be(0, result.ToString());
        var jobLists = cluster.Api.Requests.Where(r => r.Path == "/apis/batch/v1/jobs").ToList();
        jobLists.Select(r => r.StatusCode).Should().Equal(200, 410, 200);
        jobLists[^1].Query.Should().NotContain("limit=").And.NotContain("continue=", "the fallback is one unpaged list (client-go's pager)");
        JsonNode.Parse(cluster.QueueJson()!)!["jobs"]!.AsArray().Should().HaveCount(501);
    }

    [Test]
    public void Queue_publish_is_nested_under_queue_in_help()
    {
        using var runner = new Jobman.Testing.Cli.JobmanRunner().WithPlugin(new KubernetesQueuePlugin());

        var result = runner.RunAsync("queue", "publish", "--help").GetAwaiter().GetResult();

        result.ExitCode.Should().Be(0);
        result.Stdout.Should().Contain("--namespace-prefix").And.Contain("--dry-run").And.NotContain("--namespace <");
    }
}
