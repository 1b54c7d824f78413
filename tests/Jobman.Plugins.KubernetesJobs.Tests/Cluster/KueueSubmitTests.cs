using System.Text.Json.Nodes;

namespace Jobman.Plugins.KubernetesJobs.Tests.Cluster;

/// <summary>
/// submit --queue/--priority and settings job.queue: the Job joins a Kueue LocalQueue as Kueue documents it (label
/// kueue.x-k8s.io/queue-name, created with spec.suspend true; priority by kueue.x-k8s.io/priority-class), and bad
/// names are refused before any request.
/// </summary>
public class KueueSubmitTests : ClusterTest
{
    [Test]
    public async Task A_queued_job_is_created_suspended_with_the_queue_and_priority_labels()
    {
        var result = await Run("submit", "-i", "busybox", "-r", "no-gpu", "-j", "queued", "--queue", "user-queue", "--priority", "high-priority", "--", "echo", "hi");

        result.ExitCode.Should().Be(0, result.ToString());
        var job = Cluster.Store.GetJob(Ns, "queued")!;
        job["metadata"]!["labels"]!["kueue.x-k8s.io/queue-name"]!.GetValue<string>().Should().Be("user-queue");
        job["metadata"]!["labels"]!["kueue.x-k8s.io/priority-class"]!.GetValue<string>().Should().Be("high-priority");
        job["spec"]!["suspend"]!.GetValue<bool>().Should().BeTrue();
        Cluster.Store.Pods(Ns).Should().BeEmpty("a suspended job gets no pods until Kueue admits it");

        var list = await Run("list");
        list.Stdout.Should().MatchRegex(@"(?m)^queued\s+Queued\s+in LocalQueue user-queue\s");
    }

    [Test]
    public async Task Settings_job_queue_is_the_default_queue()
    {
        var result = await Runner("""{"job": {"queue": "team-queue"}}""").RunAsync("submit", "-i", "busybox", "-r", "no-gpu", "-j", "from-settings", "--dry-run", "-o", "json", "--", "true");

        result.ExitCode.Should().Be(0, result.ToString());
        var manifest = JsonNode.Parse(result.Stdout)!;
        manifest["metadata"]!["labels"]!["kueue.x-k8s.io/queue-name"]!.GetValue<string>().Should().Be("team-queue");
        manifest["spec"]!["suspend"]!.GetValue<bool>().Should().BeTrue();
        manifest["metadata"]!["labels"]!.AsObject().ContainsKey("kueue.x-k8s.io/priority-class").Should().BeFalse();
    }

    [Test]
    public async Task Without_a_queue_the_job_is_neither_labelled_nor_suspended()
    {
        var result = await Run("submit", "-i", "busybox", "-r", "no-gpu", "-j", "plain", "--dry-run", "-o", "json", "--", "true");

        var manifest = JsonNode.Parse(result.Stdout)!;
        manifest["metadata"]!["labels"]!.AsObject().ContainsKey("kueue.x-k8s.io/queue-name").Should().BeFalse();
        manifest["spec"]!.AsObject().ContainsKey("suspend").Should().BeFalse();
    }

    [TestCase(new[] { "--queue", "." }, "LocalQueue name '.' (--queue) is not valid")]
    [TestCase(new[] { "--queue", "User_Queue" }, "LocalQueue name 'User_Queue' (--queue) is not valid")]
    [TestCase(new[] { "--queue", "a/b" }, "LocalQueue name 'a/b' (--queue) is not valid")]
    [TestCase(new[] { "--queue", "q234567890123456789012345678901234567890123456789012345678901234" }, "is longer than 63 characters")]
    [TestCase(new[] { "--priority", "high" }, "--priority sets a Kueue WorkloadPriorityClass, which needs a queue")]
    [TestCase(new[] { "--queue", "q", "--priority", "High" }, "WorkloadPriorityClass name 'High' (--priority) is not valid")]
    public async Task Bad_queue_or_priority_is_a_usage_error_before_any_request(string[] options, string message)
    {
        Cluster.ClearRequests();

        var result = await Run(["submit", "-i", "busybox", "-r", "no-gpu", "-j", "bad", .. options, "--", "true"]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().StartWith("error: ").And.Contain(message);
        result.Stderr.TrimEnd('\n').Should().NotContain("\n");
        Cluster.Requests.Should().BeEmpty();
    }
}
