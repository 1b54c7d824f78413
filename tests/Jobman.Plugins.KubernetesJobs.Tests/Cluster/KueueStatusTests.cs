using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;
using Jobman.Sandbox.Kubernetes.Kueue;

namespace Jobman.Plugins.KubernetesJobs.Tests.Cluster;

/// <summary>
/// list, details and wait on a cluster with Kueue (the double's controller): a job waiting for quota shows Kueue's
/// reason and its place in the queue, an admitted job runs, an evicted one says so, and reading Kueue costs a
/// constant number of requests.
/// </summary>
public class KueueStatusTests : ClusterTest
{
    protected override KubernetesApiServerOptions ServerOptions => new() { Kueue = true, PodRetryDelay = TimeSpan.Zero };

    [SetUp]
    public void SetUpQueues()
    {
        Cluster.Store.PutKueue(KueueObjects.ResourceFlavor("default-flavor"));
        Cluster.Store.PutKueue(KueueObjects.ClusterQueue("cluster-queue", preemptWithinClusterQueue: "LowerPriority", flavors: new KueueObjects.FlavorQuota("default-flavor", ("cpu", "2"), ("memory", "8Gi"))));
        Cluster.Store.PutKueue(KueueObjects.LocalQueue(Ns, "user-queue", "cluster-queue"));
        Cluster.Store.PutKueue(KueueObjects.PriorityClass("urgent", 1000));
    }

    [Test]
    public async Task A_job_beyond_the_quota_is_queued_with_kueues_reason_and_its_position()
    {
        await SubmitQueuedAsync("first");
        await SubmitQueuedAsync("second");
        await SubmitQueuedAsync("third");

        var jobs = await ListUntilAsync(j => Status(j, "third") == "Queued" && Reason(j, "third")!.StartsWith("insufficient", StringComparison.Ordinal) && Status(j, "first") == "Running" && Status(j, "second") == "Running");
        var wide = await Run("list", "-o", "wide");
        var table = await Run("list");

        Reason(jobs, "third").Should().Be("insufficient unused quota for cpu in flavor default-flavor, 1 more needed");
        var kueue = jobs.Single(j => (string?)j!["name"] == "third")!["kueue"]!;
        kueue["localQueue"]!.GetValue<string>().Should().Be("user-queue");
        kueue["positionInLocalQueue"]!.GetValue<int>().Should().Be(0);
        kueue["positionInClusterQueue"]!.GetValue<int>().Should().Be(0);
        jobs.Single(j => (string?)j!["name"] == "first")!["kueue"]!["clusterQueue"]!.GetValue<string>().Should().Be("cluster-queue");
        table.Stdout.Should().MatchRegex(@"(?m)^third\s+Queued\s+insufficient unused quota for cpu in flavor default-flavor, 1 more needed\s");
        wide.ExitCode.Should().Be(0, wide.ToString());
        wide.Stdout.Should().MatchRegex(@"(?m)^third\s+Queued\s+.*\s1 of 1 in user-queue\s");
    }

    [Test]
    public async Task Details_show_the_queue_the_position_and_the_workloads_conditions()
    {
        await SubmitQueuedAsync("holder-a");
        await SubmitQueuedAsync("holder-b");
        await SubmitQueuedAsync("waiting");
        await ListUntilAsync(j => Reason(j, "waiting")?.StartsWith("insufficient", StringComparison.Ordinal) == true);

        var details = await Run("details", "-j", "waiting");
        var admitted = await Run("details", "-j", "holder-a");

        details.ExitCode.Should().Be(0, details.ToString());
        details.Stdout.Should().Contain("Status:    Queued (insufficient unused quota for cpu in flavor default-flavor, 1 more needed)")
            .And.Contain("Queue:     LocalQueue user-queue\n")
            .And.Contain("Position:  1 of 1 in user-queue")
            .And.MatchRegex(@"Kueue workload job-waiting-[0-9a-f]{5} \(priority 0\):")
            .And.MatchRegex(@"QuotaReserved\s+False\s+WaitingForQuota\s+couldn't assign flavors to pod set main: insufficient unused quota for cpu in flavor default-flavor, 1 more needed");
        admitted.Stdout.Should().Contain("Queue:     LocalQueue user-queue, admitted to ClusterQueue cluster-queue")
            .And.Contain("Kueue:     flavors cpu=default-flavor, memory=default-flavor")
            .And.MatchRegex(@"Admitted\s+True\s+Admitted\s+The workload is admitted");
    }

    [Test]
    public async Task Wait_with_a_timeout_says_where_in_the_queue_the_job_still_is()
    {
        await SubmitQueuedAsync("hold-1");
        await SubmitQueuedAsync("hold-2");
        await SubmitQueuedAsync("patient");
        await ListUntilAsync(j => Reason(j, "patient")?.StartsWith("insufficient", StringComparison.Ordinal) == true);

        var result = await Run("wait", "-j", "patient", "--timeout", "1s");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Be("error: timed out after 1s waiting for job 'patient' (still Queued: insufficient unused quota for cpu in flavor default-flavor, 1 more needed; position 1 of 1 in user-queue)\n");
    }

    [Test]
    public async Task A_preempted_job_says_it_was_evicted_and_why_it_waits_again()
    {
        await SubmitQueuedAsync("background", cpu: "2");
        await ListUntilAsync(j => Status(j, "background") == "Running");

        await SubmitQueuedAsync("deadline", cpu: "2", priority: "urgent");

        var jobs = await ListUntilAsync(j => Status(j, "deadline") == "Running" && Status(j, "background") == "Queued");
        Reason(jobs, "background").Should().Be("evicted: Preempted to accommodate a higher priority Workload; insufficient unused quota for cpu in flavor default-flavor, 2 more needed");
        jobs.Single(j => (string?)j!["name"] == "background")!["kueue"]!["evicted"]!.GetValue<string>().Should().Be("Preempted to accommodate a higher priority Workload");
    }

    [Test]
    public async Task Reading_kueue_costs_one_workloads_list_and_one_visibility_read_per_queue_whatever_the_number_of_jobs()
    {
        for (var i = 0; i < 6; i++)
        {
            await SubmitQueuedAsync($"many-{i}");
        }

        await ListUntilAsync(j => j.Count(x => (string?)x!["status"] == "Queued" && ((string?)x["reason"])?.StartsWith("insufficient", StringComparison.Ordinal) == true) == 4);
        Cluster.ClearRequests();

        var table = await Run("list");
        var tableRequests = Cluster.Requests.ToList();
        Cluster.ClearRequests();
        var wide = await Run("list", "-o", "wide");
        var wideRequests = Cluster.Requests.ToList();

        table.ExitCode.Should().Be(0, table.ToString());
        tableRequests.Count(r => r.Path.EndsWith("/workloads", StringComparison.Ordinal)).Should().Be(1);
        tableRequests.Should().NotContain(r => r.Path.Contains("visibility", StringComparison.Ordinal), "the plain table shows no positions");
        wide.ExitCode.Should().Be(0, wide.ToString());
        wideRequests.Count(r => r.Path.EndsWith("/pendingworkloads", StringComparison.Ordinal)).Should().Be(1);
        wideRequests.Count(r => r.Path.EndsWith("/workloads", StringComparison.Ordinal)).Should().Be(1);
        wide.Stdout.Should().MatchRegex(@"(?m)^many-5\s+Queued\s+.*\s4 of 4 in user-queue\s");
    }

    [Test]
    public async Task Jobs_outside_kueue_cost_no_kueue_request()
    {
        await SubmitAsync("plain", JobScenario.Hold);
        Cluster.ClearRequests();

        var result = await Run("list");

        result.ExitCode.Should().Be(0, result.ToString());
        Cluster.Requests.Should().NotContain(r => r.Path.Contains("kueue", StringComparison.Ordinal));
    }

    private async Task SubmitQueuedAsync(string name, string cpu = "1", string? priority = null)
    {
        string[] priorityOptions = priority is null ? [] : ["--priority", priority];
        var set = new JsonObject { ["cpu"] = cpu, ["memory"] = "1Gi" };
        var flavor = new JsonObject { ["name"] = $"q{cpu}", ["resources"] = new JsonObject { ["requests"] = set.DeepClone(), ["limits"] = set.DeepClone() } };
        var settings = new JsonObject { ["job"] = new JsonObject { ["resources"] = new JsonObject { ["predefined"] = new JsonArray(flavor) } } }.ToJsonString();
        Cluster.Scenarios.For(name, JobScenario.Hold);
        var result = await Runner(settings).RunAsync(["submit", "-i", "busybox", "-r", $"q{cpu}", "-j", name, "--queue", "user-queue", .. priorityOptions, "--", "true"]);
        result.ExitCode.Should().Be(0, result.ToString());
    }

    private static string? Status(JsonArray jobs, string name) => (string?)jobs.SingleOrDefault(j => (string?)j!["name"] == name)?["status"];

    private static string? Reason(JsonArray jobs, string name) => (string?)jobs.SingleOrDefault(j => (string?)j!["name"] == name)?["reason"];
}
