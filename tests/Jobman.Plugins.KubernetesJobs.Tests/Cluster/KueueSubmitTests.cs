using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;
using Jobman.Sandbox.Kubernetes.Kueue;

namespace Jobman.Plugins.KubernetesJobs.Tests.Cluster;

/// <summary>
/// submit --queue/--priority and settings job.queue: the Job joins a Kueue LocalQueue as Kueue documents it (label
/// kueue.x-k8s.io/queue-name, created with spec.suspend true; priority by kueue.x-k8s.io/priority-class), and bad
/// names are refused before any request.
/// </summary>
public class KueueSubmitTests : ClusterTest
{
    protected override KubernetesApiServerOptions ServerOptions => new() { Kueue = true };

    [SetUp]
    public void SetUpQueues()
    {
        Cluster.Store.PutKueue(KueueObjects.ResourceFlavor("default-flavor"));
        Cluster.Store.PutKueue(KueueObjects.ClusterQueue("cluster-queue", flavors: new KueueObjects.FlavorQuota("default-flavor", ("cpu", "4"), ("memory", "16Gi"))));
        Cluster.Store.PutKueue(KueueObjects.LocalQueue(Ns, "user-queue", "cluster-queue"));
        // A LocalQueue whose ClusterQueue is gone: its jobs stay queued, which is what the first test needs to see.
        Cluster.Store.PutKueue(KueueObjects.LocalQueue(Ns, "parked", "retired-queue"));
    }

    [Test]
    public async Task A_queued_job_is_created_suspended_with_the_queue_and_priority_labels()
    {
        var result = await Run("submit", "-i", "busybox", "-r", "no-gpu", "-j", "queued", "--queue", "parked", "--priority", "high-priority", "--", "echo", "hi");

        result.ExitCode.Should().Be(0, result.ToString());
        var job = Cluster.Store.GetJob(Ns, "queued")!;
        job["metadata"]!["labels"]!["kueue.x-k8s.io/queue-name"]!.GetValue<string>().Should().Be("parked");
        job["metadata"]!["labels"]!["kueue.x-k8s.io/priority-class"]!.GetValue<string>().Should().Be("high-priority");
        job["spec"]!["suspend"]!.GetValue<bool>().Should().BeTrue();
        Cluster.Store.Pods(Ns).Should().BeEmpty("a suspended job gets no pods until Kueue admits it");

        var list = await ListUntilAsync(j => (string?)j.Single()!["reason"] != "in LocalQueue parked");
        list.Single()!["status"]!.GetValue<string>().Should().Be("Queued");
        list.Single()!["reason"]!.GetValue<string>().Should().Be("ClusterQueue retired-queue doesn't exist");
    }

    [Test]
    public async Task A_request_beyond_every_flavors_quota_is_refused_with_the_numbers_before_anything_is_created()
    {
        Cluster.GrantAuthenticated(new AccessRule(["get", "list"], "kueue.x-k8s.io", "clusterqueues"));
        Cluster.ClearRequests();

        var tooBig = await Runner(Flavors(("big", "cpu", "8"))).RunAsync("submit", "-i", "busybox", "-r", "big", "-j", "too-big", "--queue", "user-queue", "--", "true");
        var gpu = await Runner(Flavors(("gpu", "nvidia.com/gpu", "1"))).RunAsync("submit", "-i", "busybox", "-r", "gpu", "-j", "gpu", "--queue", "user-queue", "--", "true");

        tooBig.ExitCode.Should().Be(2, tooBig.ToString());
        tooBig.Stderr.Should().Be("error: flavor 'big' asks for 8 cpu but ClusterQueue 'cluster-queue' (LocalQueue 'user-queue') allows at most 4 cpu in any flavor (default-flavor: 4): Kueue would never admit the job\n");
        gpu.ExitCode.Should().Be(2, gpu.ToString());
        gpu.Stderr.Should().Be("error: flavor 'gpu' asks for 1 nvidia.com/gpu but ClusterQueue 'cluster-queue' (LocalQueue 'user-queue') has no quota for nvidia.com/gpu: Kueue would never admit the job\n");
        Cluster.Requests.Should().NotContain(r => r.Method == "POST", "nothing is created");
    }

    [Test]
    public async Task A_quota_the_user_may_not_read_is_not_checked_and_kueue_says_why_the_job_waits()
    {
        var result = await Runner(Flavors(("big", "cpu", "8"))).RunAsync("submit", "-i", "busybox", "-r", "big", "-j", "hopeful", "--queue", "user-queue", "--", "true");

        result.ExitCode.Should().Be(0, result.ToString());
        var jobs = await ListUntilAsync(j => ((string?)j.Single()!["reason"])?.Contains("maximum capacity", StringComparison.Ordinal) == true);
        jobs.Single()!["reason"]!.GetValue<string>().Should().Be("insufficient quota for cpu in flavor default-flavor, previously considered podsets requests (0) + current podset request (8) > maximum capacity (4)");
    }

    [Test]
    public async Task A_missing_local_queue_is_refused_and_the_namespaces_queues_are_named()
    {
        Cluster.ClearRequests();

        var result = await Run("submit", "-i", "busybox", "-r", "no-gpu", "-j", "lost", "--queue", "no-such-queue", "--", "true");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Be("error: LocalQueue 'no-such-queue' does not exist in namespace 'team-a' (its LocalQueues: parked, user-queue)\n");
        Cluster.Requests.Should().NotContain(r => r.Method == "POST");
    }

    [Test]
    public async Task Completion_offers_the_namespaces_local_queues_after_queue()
    {
        var runner = Runner().WithPlugin(new Jobman.Plugins.KubernetesQueue.KubernetesQueuePlugin());

        var result = await runner.RunAsync("completion", "--complete", "--", "3", "jobman", "submit", "--queue", "u");

        result.ExitCode.Should().Be(0, result.ToString());
        // 'parked' feeds a ClusterQueue that does not exist: no flavor, nothing to submit to, not offered.
        result.Stdout.Should().Be("user-queue\n");
    }

    private static string Flavors(params (string Name, string Resource, string Amount)[] flavors) =>
        new JsonObject
        {
            ["job"] = new JsonObject
            {
                ["resources"] = new JsonObject
                {
                    ["predefined"] = new JsonArray(flavors.Select(f => (JsonNode)new JsonObject
                    {
                        ["name"] = f.Name,
                        ["resources"] = new JsonObject { ["requests"] = new JsonObject { [f.Resource] = f.Amount }, ["limits"] = new JsonObject { [f.Resource] = f.Amount } },
                    }).ToArray()),
                },
            },
        }.ToJsonString();

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
