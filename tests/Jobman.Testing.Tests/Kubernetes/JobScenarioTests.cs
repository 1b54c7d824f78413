using System.Net;
using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Testing.Tests.Kubernetes;

/// <summary>How pods of a job behave per scenario, and the controller features that depend on time.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class JobScenarioTests() : ApiServerFixture("carol", Ns, new KubernetesApiServerOptions { PodRetryDelay = TimeSpan.Zero })
{
    private const string Ns = "scenarios";

    [Test]
    public async Task Pending_pods_are_unschedulable_like_the_sample()
    {
        Server.Scenarios.For("pending", JobScenario.Pending);
        Server.Store.PutJob(Ns, TestJobs.Job("pending", "true"));

        var pod = await PodWhere("pending", p => p["status"]?["conditions"] is JsonArray);

        var sample = Contracts.Sample("pod-pending-unschedulable.json")["status"]!;
        pod["status"]!["phase"]!.GetValue<string>().Should().Be("Pending");
        var condition = pod["status"]!["conditions"]![0]!;
        Keys(condition).Should().Equal(Keys(sample["conditions"]![0]!));
        condition["reason"]!.GetValue<string>().Should().Be("Unschedulable");
        condition["message"]!.GetValue<string>().Should().MatchRegex(@"^0/\d+ nodes are available: ");
        var log = await Api.GetAsync($"/api/v1/namespaces/{Ns}/pods/{Name(pod)}/log");
        log.Status.Should().Be(HttpStatusCode.OK, "apiserver returns an empty log for a pod without a node");
        log.Body.Should().BeEmpty();
        var events = await Api.GetAsync($"/api/v1/namespaces/{Ns}/events?fieldSelector=involvedObject.name%3D{Name(pod)}");
        var warning = events.Json["items"]!.AsArray().Single()!;
        warning["type"]!.GetValue<string>().Should().Be("Warning");
        warning["reason"]!.GetValue<string>().Should().Be("FailedScheduling");
        warning["source"]!["component"]!.GetValue<string>().Should().Be("default-scheduler");
        var job = Server.Store.GetJob(Ns, "pending")!;
        job["status"]!["active"]!.GetValue<int>().Should().Be(1);
        job["status"]!["ready"]!.GetValue<int>().Should().Be(0);
    }

    [Test]
    public async Task Image_pull_back_off_pods_wait_and_their_log_is_a_400()
    {
        Server.Scenarios.For("pull-fails", JobScenario.ImagePullBackOff);
        Server.Store.PutJob(Ns, TestJobs.Job("pull-fails", "true"));

        var pod = await PodWhere("pull-fails", p => (string?)p["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"] == "ImagePullBackOff");

        var waiting = pod["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!;
        waiting["message"]!.GetValue<string>().Should().StartWith("Back-off pulling image \"registry.example.test/tools/shell:1.0\": ErrImagePull: ");
        Keys(pod["status"]!).Should().Equal(Keys(Contracts.Sample("pod-imagepullbackoff.json")["status"]!));
        var log = await Api.GetAsync($"/api/v1/namespaces/{Ns}/pods/{Name(pod)}/log?container=main");
        log.Status.Should().Be(HttpStatusCode.BadRequest);
        log.Json["message"]!.GetValue<string>().Should().Be($"container \"main\" in pod \"{Name(pod)}\" is waiting to start: trying and failing to pull image");
        Keys(log.Json).Should().Equal(Keys(Contracts.Sample("status-400-log-container-waiting.json")));
    }

    [Test]
    public async Task Container_creating_pods_answer_the_waiting_to_start_log_error()
    {
        Server.Scenarios.For("creating", JobScenario.ContainerCreating);
        Server.Store.PutJob(Ns, TestJobs.Job("creating", "true"));

        var pod = await PodWhere("creating", p => p["status"]?["containerStatuses"] is JsonArray);

        var log = await Api.GetAsync($"/api/v1/namespaces/{Ns}/pods/{Name(pod)}/log");
        log.Json["message"]!.GetValue<string>().Should().Be($"container \"main\" in pod \"{Name(pod)}\" is waiting to start: ContainerCreating");
    }

    [Test]
    public async Task Oom_killed_pods_fail_with_exit_137()
    {
        Server.Scenarios.For("oom", JobScenario.OomKilled);
        var job = TestJobs.Job("oom", "true", backoffLimit: 0);
        Server.Store.PutJob(Ns, job);

        var failed = await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "oom"), j => TestJobs.HasCondition(j, "Failed"), "oom failed");

        failed!["status"]!["failed"]!.GetValue<int>().Should().Be(1);
        var terminated = Pods("oom").Single()["status"]!["containerStatuses"]![0]!["state"]!["terminated"]!;
        terminated["reason"]!.GetValue<string>().Should().Be("OOMKilled");
        terminated["exitCode"]!.GetValue<int>().Should().Be(137);
        Pods("oom").Single()["status"]!["phase"]!.GetValue<string>().Should().Be("Failed");
    }

    [Test]
    public async Task Held_pods_run_until_released()
    {
        Server.Scenarios.For("held", JobScenario.Hold);
        Server.Store.PutJob(Ns, TestJobs.Job("held", "true"));

        var running = await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "held"), j => (int?)j?["status"]?["ready"] == 1, "held ready");
        running!["status"]!["active"]!.GetValue<int>().Should().Be(1);
        Server.Scenarios.Release("held");

        await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "held"), TestJobs.IsComplete, "held complete");
    }

    [Test]
    public async Task Active_deadline_fails_the_job_and_kills_its_pod()
    {
        Server.Scenarios.For("deadline", JobScenario.Hold);
        var job = TestJobs.Job("deadline", "true");
        job["spec"]!["activeDeadlineSeconds"] = 1;
        Server.Store.PutJob(Ns, job);

        var failed = await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "deadline"), j => TestJobs.HasCondition(j, "Failed"), "deadline failed");

        failed!["status"]!["conditions"]!.AsArray().Select(c => $"{c!["type"]}/{c["reason"]}/{c["message"]}").Should().Equal(
            "FailureTarget/DeadlineExceeded/Job was active longer than specified deadline",
            "Failed/DeadlineExceeded/Job was active longer than specified deadline");
        failed["status"]!["active"].Should().BeNull();
        failed["status"]!["failed"]!.GetValue<int>().Should().Be(1, "the killed pod counts as failed");
        await Poll.UntilAsync(() => Pods("deadline").Count, n => n == 0, "deadline pod deleted");
    }

    [Test]
    public async Task Ttl_after_finished_deletes_the_job_and_its_pods()
    {
        var job = TestJobs.Job("short-lived", "echo bye");
        job["spec"]!["ttlSecondsAfterFinished"] = 0;
        Server.Store.PutJob(Ns, job);

        await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "short-lived"), j => j is null, "short-lived deleted");
        await Poll.UntilAsync(() => Pods("short-lived").Count, n => n == 0, "short-lived pods deleted");
        (await Api.GetAsync($"/apis/batch/v1/namespaces/{Ns}/jobs/short-lived")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Suspended_jobs_create_no_pods_until_resumed_by_a_patch()
    {
        var job = TestJobs.Job("suspended", "echo resumed");
        job["spec"]!["suspend"] = true;
        Server.Store.PutJob(Ns, job);

        var suspended = await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "suspended"), j => TestJobs.HasCondition(j, "Suspended"), "suspended");
        suspended!["status"]!["startTime"].Should().BeNull();
        Pods("suspended").Should().BeEmpty();

        var patch = await Api.SendAsync(HttpMethod.Patch, $"/apis/batch/v1/namespaces/{Ns}/jobs/suspended",
            new JsonObject { ["spec"] = new JsonObject { ["suspend"] = false } }, "application/merge-patch+json");
        patch.Status.Should().Be(HttpStatusCode.OK, patch.Body);

        var done = await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "suspended"), TestJobs.IsComplete, "resumed job complete");
        var condition = done!["status"]!["conditions"]!.AsArray().Single(c => (string?)c!["type"] == "Suspended")!;
        condition["status"]!.GetValue<string>().Should().Be("False");
        condition["reason"]!.GetValue<string>().Should().Be("JobResumed");
    }

    [Test]
    public async Task Failed_pods_are_replaced_until_one_succeeds()
    {
        var marker = Path.Combine(Path.GetTempPath(), "k8s-double-retry-" + Guid.NewGuid().ToString("N"));
        try
        {
            // First attempt creates the marker and fails; the retry finds it and succeeds.
            var job = TestJobs.Job("retry", $"if [ -e {marker} ]; then echo second try; else touch {marker}; exit 1; fi", backoffLimit: 3);
            Server.Store.PutJob(Ns, job);

            var done = await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "retry"), TestJobs.IsComplete, "retry complete");

            done!["status"]!["failed"]!.GetValue<int>().Should().Be(1);
            done["status"]!["succeeded"]!.GetValue<int>().Should().Be(1);
            Pods("retry").Select(p => (string)p["status"]!["phase"]!).Should().BeEquivalentTo("Failed", "Succeeded");
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Test]
    public async Task Deleting_a_running_pod_counts_as_a_failure_and_the_pod_is_replaced()
    {
        Server.Scenarios.For("replaced", JobScenario.Hold);
        Server.Store.PutJob(Ns, TestJobs.Job("replaced", "true", backoffLimit: 2));
        var first = await PodWhere("replaced", p => (string?)p["status"]!["phase"] == "Running");

        var delete = await Api.DeleteAsync($"/api/v1/namespaces/{Ns}/pods/{Name(first)}");

        delete.Status.Should().Be(HttpStatusCode.OK);
        delete.Json["kind"]!.GetValue<string>().Should().Be("Pod");
        delete.Json["metadata"]!["deletionTimestamp"].Should().NotBeNull();
        var second = await PodWhere("replaced", p => Name(p) != Name(first));
        await Poll.UntilAsync(() => Pods("replaced").Any(p => Name(p) == Name(first)), gone => !gone, "deleted pod removed");
        Server.Store.GetJob(Ns, "replaced")!["status"]!["failed"]!.GetValue<int>().Should().Be(1);
        Server.Scenarios.Release("replaced");
        await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "replaced"), TestJobs.IsComplete, "replaced complete");
        Pods("replaced").Select(Name).Should().Equal(Name(second));
    }

    [Test]
    public async Task A_container_without_command_or_args_exits_zero_with_an_empty_log()
    {
        var job = TestJobs.Job("no-command", "unused");
        job["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject().Remove("command");
        Server.Store.PutJob(Ns, job);

        await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "no-command"), TestJobs.IsComplete, "no-command complete");

        var log = await Api.GetAsync($"/api/v1/namespaces/{Ns}/pods/{Name(Pods("no-command").Single())}/log");
        log.Status.Should().Be(HttpStatusCode.OK);
        log.Body.Should().BeEmpty();
    }

    [Test]
    public async Task On_failure_restarts_the_container_in_place_and_keeps_the_previous_log()
    {
        var marker = Path.Combine(Path.GetTempPath(), "k8s-double-onfailure-" + Guid.NewGuid().ToString("N"));
        try
        {
            var job = TestJobs.Job("in-place", $"if [ -e {marker} ]; then echo second run; else touch {marker}; echo first run; exit 2; fi", backoffLimit: 3);
            job["spec"]!["template"]!["spec"]!["restartPolicy"] = "OnFailure";
            Server.Store.PutJob(Ns, job);

            var done = await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "in-place"), TestJobs.IsComplete, "in-place complete");

            done!["status"]!["failed"].Should().BeNull("a restarted container does not fail the pod");
            var pod = Pods("in-place").Single();
            var status = pod["status"]!["containerStatuses"]![0]!;
            status["restartCount"]!.GetValue<int>().Should().Be(1);
            status["lastState"]!["terminated"]!["exitCode"]!.GetValue<int>().Should().Be(2);
            (await Api.GetAsync($"/api/v1/namespaces/{Ns}/pods/{Name(pod)}/log")).Body.Should().Be("second run\n");
            (await Api.GetAsync($"/api/v1/namespaces/{Ns}/pods/{Name(pod)}/log?previous=true")).Body.Should().Be("first run\n");
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Test]
    public async Task On_failure_restarts_count_against_the_backoff_limit()
    {
        Server.Scenarios.For("crash-loop", JobScenario.Exit(1, "crash\n"));
        var job = TestJobs.Job("crash-loop", "true", backoffLimit: 2);
        job["spec"]!["template"]!["spec"]!["restartPolicy"] = "OnFailure";
        Server.Store.PutJob(Ns, job);

        var failed = await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "crash-loop"), j => TestJobs.HasCondition(j, "Failed"), "crash-loop failed");

        failed!["status"]!["conditions"]!.AsArray().Select(c => (string)c!["reason"]!).Should().Equal("BackoffLimitExceeded", "BackoffLimitExceeded");
        failed["status"]!["failed"]!.GetValue<int>().Should().Be(1, "the one pod is killed and counted");
        var events = await Api.GetAsync($"/api/v1/namespaces/{Ns}/events?fieldSelector=reason%3DBackOff");
        events.Json["items"]!.AsArray().Should().Contain(e => ((string)e!["message"]!).StartsWith("Back-off restarting failed container main in pod crash-loop-", StringComparison.Ordinal));
    }

    private async Task<JsonObject> PodWhere(string job, Func<JsonObject, bool> predicate) =>
        (await Poll.UntilAsync(() => Pods(job).FirstOrDefault(predicate), p => p is not null, $"pod of {job}"))!;

    private List<JsonObject> Pods(string job) =>
        Server.Store.Pods(Ns).Where(p => (string?)p["metadata"]!["labels"]?["job-name"] == job).ToList();

    private static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();

    private static List<string> Keys(JsonNode node) => node.AsObject().Select(kv => kv.Key).ToList();
}
