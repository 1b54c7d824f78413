using System.Net;
using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;
using Jobman.Testing.Tests.Kubernetes;

namespace Jobman.Testing.Tests.Kueue;

/// <summary>
/// The double's Kueue controller beyond upstream's walkthrough: queueing strategies, priorities and preemption,
/// quota released by finished jobs, misconfigured queues, node labels of the assigned flavor, garbage collection,
/// and a cluster without Kueue.
/// </summary>
[TestFixture]
public sealed class KueueControllerTests
{
    private const string Ns = "team-a";

    [Test]
    public async Task Best_effort_fifo_admits_a_smaller_job_behind_a_blocked_head_and_strict_fifo_does_not()
    {
        foreach (var strategy in new[] { "BestEffortFIFO", "StrictFIFO" })
        {
            await using var world = await KueueWorld.StartAsync(cpuQuota: "4", strategy: strategy);
            await world.SubmitAsync("big", cpu: "3");
            await world.WaitAdmittedAsync("big");
            await world.SubmitAsync("blocked", cpu: "3");
            await world.WaitConditionAsync("blocked", "QuotaReserved", "False");
            await world.SubmitAsync("small", cpu: "1");

            if (strategy == "BestEffortFIFO")
            {
                await world.WaitAdmittedAsync("small");
            }
            else
            {
                // The head blocks the queue: Kueue does not even try the workloads behind it.
                await world.WaitPendingCountAsync(2);
                world.Condition("small", "QuotaReserved").Should().BeNull(strategy);
                world.Job("small")["spec"]!["suspend"]!.GetValue<bool>().Should().BeTrue();
            }
        }
    }

    [Test]
    public async Task A_higher_priority_job_goes_first_and_preempts_a_running_lower_one_when_the_queue_allows_it()
    {
        await using var world = await KueueWorld.StartAsync(cpuQuota: "2", preemption: "LowerPriority");
        world.Server.Store.PutKueue(KueueWorld.PriorityClass("high", 1000));
        await world.SubmitAsync("low", cpu: "2");
        await world.WaitAdmittedAsync("low");

        await world.SubmitAsync("urgent", cpu: "2", priorityClass: "high");
        await world.WaitAdmittedAsync("urgent");

        var low = await world.WaitConditionAsync("low", "Evicted", "True");
        ConditionOf(low, "Evicted")!["reason"]!.GetValue<string>().Should().Be("Preempted");
        ConditionOf(low, "Preempted")!["message"]!.GetValue<string>().Should().StartWith("Preempted to accommodate a workload (UID: ").And.EndWith("due to prioritization in the ClusterQueue");
        ConditionOf(low, "Admitted")!["reason"]!.GetValue<string>().Should().Be("NoReservation");
        await Poll.UntilAsync(() => world.Job("low")["spec"]!["suspend"]!.GetValue<bool>(), s => s, "the preempted job suspended again");
        world.Workload("urgent")["spec"]!["priority"]!.GetValue<int>().Should().Be(1000);
        world.Workload("urgent")["spec"]!["priorityClassRef"]!["name"]!.GetValue<string>().Should().Be("high");

        // The pod deleted by the suspension is no failure (backoffLimit 0): once the urgent job ends, low runs again.
        world.Server.Scenarios.Release("urgent");
        await world.WaitAdmittedAsync("low");
        world.Job("low")["status"]?["failed"]?.GetValue<int>().Should().NotBe(1);
        TestJobs.HasCondition(world.Job("low"), "Failed").Should().BeFalse();
        ConditionOf(world.Workload("low"), "Evicted")!["message"]!.GetValue<string>().Should().Be("Previously: Preempted to accommodate a higher priority Workload");
    }

    [Test]
    public async Task Pending_workloads_are_ordered_by_priority_then_creation_in_the_visibility_api()
    {
        await using var world = await KueueWorld.StartAsync(cpuQuota: "1");
        world.Server.Store.PutKueue(KueueWorld.PriorityClass("high", 100));
        await world.SubmitAsync("running", cpu: "1");
        await world.WaitAdmittedAsync("running");
        await world.SubmitAsync("first", cpu: "1");
        await world.SubmitAsync("second", cpu: "1");
        await world.SubmitAsync("vip", cpu: "1", priorityClass: "high");
        await world.WaitConditionAsync("vip", "QuotaReserved", "False");

        var response = await world.Api.GetAsync($"/apis/visibility.kueue.x-k8s.io/v1beta2/namespaces/{Ns}/localqueues/lq/pendingworkloads");

        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
        var items = response.Json["items"]!.AsArray();
        items.Select(i => i!["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>()).Should().Equal("vip", "first", "second");
        items.Select(i => i!["priority"]!.GetValue<int>()).Should().Equal(100, 0, 0);
    }

    [Test]
    public async Task A_finished_job_releases_its_quota_to_the_next_one_and_its_workload_says_how_it_ended()
    {
        await using var world = await KueueWorld.StartAsync(cpuQuota: "1");
        await world.SubmitAsync("ok", cpu: "1");
        await world.SubmitAsync("bad", cpu: "1");
        await world.SubmitAsync("next", cpu: "1");
        await world.WaitAdmittedAsync("ok");

        world.Server.Scenarios.Release("ok");
        var ok = await world.WaitConditionAsync("ok", "Finished", "True");
        await world.WaitAdmittedAsync("bad");
        world.Server.Scenarios.Release("bad", exitCode: 2);
        var bad = await world.WaitConditionAsync("bad", "Finished", "True");
        await world.WaitAdmittedAsync("next");

        ConditionOf(ok, "Finished")!["reason"]!.GetValue<string>().Should().Be("Succeeded");
        ConditionOf(ok, "Finished")!["message"]!.GetValue<string>().Should().Be("Job finished successfully");
        ConditionOf(bad, "Finished")!["reason"]!.GetValue<string>().Should().Be("Failed");
        ConditionOf(bad, "Finished")!["message"]!.GetValue<string>().Should().Be("Job has reached the specified backoff limit");
    }

    [Test]
    public async Task Misconfigured_and_oversized_jobs_get_kueues_reasons()
    {
        await using var world = await KueueWorld.StartAsync(cpuQuota: "2");
        await world.SubmitAsync("lost", cpu: "1", queue: "no-such-queue");
        await world.SubmitAsync("huge", cpu: "3");
        await world.SubmitAsync("gpu", cpu: "1", gpus: "1");

        var lost = await world.WaitConditionAsync("lost", "QuotaReserved", "False");
        var huge = await world.WaitConditionAsync("huge", "QuotaReserved", "False");
        var gpu = await world.WaitConditionAsync("gpu", "QuotaReserved", "False");

        ConditionOf(lost, "QuotaReserved")!["reason"]!.GetValue<string>().Should().Be("Misconfigured");
        ConditionOf(lost, "QuotaReserved")!["message"]!.GetValue<string>().Should().Be("LocalQueue no-such-queue doesn't exist");
        ConditionOf(huge, "QuotaReserved")!["reason"]!.GetValue<string>().Should().Be("ExceedsMaxQuota");
        ConditionOf(huge, "QuotaReserved")!["message"]!.GetValue<string>().Should().Be(
            "couldn't assign flavors to pod set main: insufficient quota for cpu in flavor default-flavor, previously considered podsets requests (0) + current podset request (3) > maximum capacity (2)");
        ConditionOf(gpu, "QuotaReserved")!["message"]!.GetValue<string>().Should().Be("couldn't assign flavors to pod set main: resource nvidia.com/gpu unavailable in ClusterQueue");
        world.Job("lost")["spec"]!["suspend"]!.GetValue<bool>().Should().BeTrue();
    }

    [Test]
    public async Task An_admitted_job_gets_the_flavors_node_labels_and_its_workload_goes_with_it()
    {
        await using var world = await KueueWorld.StartAsync(cpuQuota: "4", nodeLabels: new JsonObject { ["cloud.example.com/pool"] = "spot" });
        await world.SubmitAsync("placed", cpu: "1");
        await world.WaitAdmittedAsync("placed");

        world.Job("placed")["spec"]!["template"]!["spec"]!["nodeSelector"]!["cloud.example.com/pool"]!.GetValue<string>().Should().Be("spot");
        var deleted = await world.Api.DeleteAsync($"/apis/batch/v1/namespaces/{Ns}/jobs/placed?propagationPolicy=Background");
        deleted.Status.Should().Be(HttpStatusCode.OK, deleted.Body);
        await Poll.UntilAsync(() => world.Server.Store.Workloads(Ns).Count, n => n == 0, "the workload collected with its job");
    }

    [Test]
    public async Task Without_kueue_the_cluster_has_no_kueue_paths_and_queued_jobs_run_unsuspended()
    {
        await using var server = await KubernetesApiServer.StartAsync();
        using var api = new ApiClient(server, server.AddClusterAdmin("admin"));

        var groups = await api.GetAsync("/apis");
        var clusterQueues = await api.GetAsync("/apis/kueue.x-k8s.io/v1beta2/clusterqueues");
        var visibility = await api.GetAsync($"/apis/visibility.kueue.x-k8s.io/v1beta2/namespaces/{Ns}/localqueues/lq/pendingworkloads");
        var job = KueueWorld.QueuedJob("plain", "1", "lq", null, null);
        job["spec"]!["suspend"] = false;
        var created = await api.PostAsync($"/apis/batch/v1/namespaces/default/jobs", job);

        groups.Body.Should().NotContain("kueue");
        clusterQueues.Status.Should().Be(HttpStatusCode.NotFound);
        visibility.Status.Should().Be(HttpStatusCode.NotFound);
        created.Json["spec"]!["suspend"]!.GetValue<bool>().Should().BeFalse("no Kueue webhook suspends it");
    }

    private static JsonObject? ConditionOf(JsonObject workload, string type) =>
        (workload["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]!.GetValue<string>() == type);
}
