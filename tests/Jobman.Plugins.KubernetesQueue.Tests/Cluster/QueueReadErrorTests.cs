using System.Globalization;

namespace Jobman.Plugins.KubernetesQueue.Tests.Cluster;

/// <summary>What a user sees when the queue cannot be read or is old.</summary>
public class QueueReadErrorTests
{
    private const string SettingsHint = "check settings jobsQueue.namespace and jobsQueue.configmap";

    [Test]
    public async Task A_missing_ConfigMap_is_one_line_naming_the_settings_to_check()
    {
        await using var cluster = await QueueCluster.StartAsync();

        var result = await cluster.User("alice", "user-alice").RunAsync("queue");

        result.ExitCode.Should().Be(1);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Be(
            "error: the queue is not available: ConfigMap 'jobman-queue-position' does not exist in namespace 'jobman-queue'; "
            + SettingsHint + ", and that the publisher CronJob ('jobman queue publish', see deploy/) runs" + Environment.NewLine);
    }

    [Test]
    public async Task A_ConfigMap_without_the_data_key_is_reported_the_same_way()
    {
        await using var cluster = await QueueCluster.StartAsync();
        cluster.Api.Store.PutConfigMap(QueueCluster.QueueNamespace, QueueCluster.QueueConfigMap, new Dictionary<string, string> { ["other"] = "{}" });

        var result = await cluster.User("alice", "user-alice").RunAsync("queue");

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().StartWith("error: the queue is not available: ConfigMap 'jobman-queue/jobman-queue-position' has no data key 'jobman-queue-position'; " + SettingsHint)
            .And.Subject.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1);
    }

    [TestCase("{\"updated\": \"2026-11-25T12:00:00Z\", \"jobs\": [", "it is not valid JSON (line 1, column")]
    [TestCase("\"hello\"", "it is not a JSON object")]
    [TestCase("{\"updated\": \"2026-11-25T12:00:00Z\", \"jobs\": [{\"namespace\": {}}]}", "jobs[0].namespace is not a string")]
    public async Task Malformed_queue_JSON_is_one_line_naming_the_settings_to_check(string json, string detail)
    {
        await using var cluster = await QueueCluster.StartAsync();
        cluster.PutQueue(json);

        var result = await cluster.User("alice", "user-alice").RunAsync("queue");

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().StartWith("error: the queue ConfigMap 'jobman-queue/jobman-queue-position' (key 'jobman-queue-position') is not a queue document: " + detail)
            .And.Contain(SettingsHint)
            .And.Subject.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1);
    }

    [Test]
    public async Task A_user_without_read_access_gets_a_clear_403_line()
    {
        await using var cluster = await QueueCluster.StartAsync();
        cluster.PutQueue("""{"updated":"2026-11-25T12:00:00Z","jobs":[]}""");

        var result = await cluster.User("mallory", "user-mallory", canReadQueue: false).RunAsync("queue");

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().StartWith("error: cannot read the queue ConfigMap 'jobman-queue/jobman-queue-position': permission denied (403 Forbidden): ")
            .And.Contain("mallory")
            .And.EndWith("ask the cluster administrator for 'get' on that ConfigMap (see deploy/queue-readers-rbac.yaml)" + Environment.NewLine);
    }

    [Test]
    public async Task Data_older_than_ten_minutes_is_shown_with_a_stale_warning()
    {
        await using var cluster = await QueueCluster.StartAsync();
        var updated = DateTimeOffset.UtcNow.AddMinutes(-15).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        cluster.PutQueue("""{"updated":"NOW","jobs":[{"namespace":"user-alice","controllerUid":"1","updated":"NOW","podStatus":"Pending","resources":{"flavor":"no-gpu","requests":{"cpu":"1","memory":"4Gi"}}}]}""".Replace("NOW", updated, StringComparison.Ordinal));

        var result = await cluster.User("alice", "user-alice").RunAsync("queue");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().MatchRegex(@"^warning: the queue data is stale \(updated 1[56]m ago\): is the publisher CronJob \('jobman queue publish'\) running\?\s*$");
        result.Stdout.Should().MatchRegex(@"Queue updated 1[56]m ago \(");
    }

    [Test]
    public async Task Fresh_data_has_no_warning()
    {
        await using var cluster = await QueueCluster.StartAsync();
        var updated = DateTimeOffset.UtcNow.AddMinutes(-2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        cluster.PutQueue("""{"updated":"NOW","jobs":[]}""".Replace("NOW", updated, StringComparison.Ordinal));

        var result = await cluster.User("alice", "user-alice").RunAsync("queue", "-o", "json");

        result.Stderr.Should().BeEmpty();
        result.Stdout.Should().Contain("\"stale\": false");
    }
}
