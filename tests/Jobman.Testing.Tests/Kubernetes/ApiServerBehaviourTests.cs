using System.Net;
using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Testing.Tests.Kubernetes;

[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class ApiServerBehaviourTests() : ApiServerFixture("system:serviceaccount:ml-jobs:jobman", "ml-jobs")
{
    private const string JobsPath = "/apis/batch/v1/namespaces/ml-jobs/jobs";

    [TestCase("a%25b", "may not contain '%'")]
    [TestCase("a%2Fb", "may not contain '/'")]
    [TestCase("%25", "may not contain '%'")]
    public async Task Names_that_are_not_path_segments_are_bad_requests_like_the_registry_store(string escapedName, string problem)
    {
        // apiserver's NamespaceKeyFunc: IsValidPathSegmentName fails before any lookup, for every verb.
        var get = await Api.GetAsync($"{JobsPath}/{escapedName}");
        var delete = await Api.DeleteAsync($"{JobsPath}/{escapedName}");

        foreach (var response in new[] { get, delete })
        {
            response.Status.Should().Be(HttpStatusCode.BadRequest, response.Body);
            response.Json["reason"]!.GetValue<string>().Should().Be("BadRequest");
            response.Json["message"]!.GetValue<string>().Should().StartWith("Name parameter invalid: ").And.EndWith(problem);
        }
    }

    [Test]
    public async Task Delete_with_another_uid_in_its_preconditions_is_a_conflict_and_deletes_nothing()
    {
        var created = await Api.PostAsync(JobsPath, TestJobs.Job("precondition", "exit 0"));
        var uid = created.Json["metadata"]!["uid"]!.GetValue<string>();

        var stale = await Api.DeleteAsync($"{JobsPath}/precondition", new JsonObject { ["preconditions"] = new JsonObject { ["uid"] = "not-" + uid } });
        var exact = await Api.DeleteAsync($"{JobsPath}/precondition", new JsonObject { ["preconditions"] = new JsonObject { ["uid"] = uid }, ["propagationPolicy"] = "Background" });

        stale.Status.Should().Be(HttpStatusCode.Conflict, stale.Body);
        stale.Json["reason"]!.GetValue<string>().Should().Be("Conflict");
        stale.Json["message"]!.GetValue<string>().Should().Contain($"Precondition failed: UID in precondition: not-{uid}, UID in object meta: {uid}");
        exact.Status.Should().Be(HttpStatusCode.OK, exact.Body);
    }

    [Test]
    public async Task Requests_without_a_valid_token_get_the_401_status()
    {
        using var anonymous = new ApiClient(Server, null);
        using var wrong = new ApiClient(Server, "not-a-token");

        var none = await anonymous.GetAsync(JobsPath);
        var bad = await wrong.GetAsync(JobsPath);

        none.Status.Should().Be(HttpStatusCode.Unauthorized);
        JsonNode.DeepEquals(none.Json, Contracts.Sample("status-401-unauthorized.json")).Should().BeTrue(none.Body);
        bad.Status.Should().Be(HttpStatusCode.Unauthorized);
        none.Message.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
    }

    [Test]
    public async Task Other_namespaces_are_forbidden_withApiserver_wording()
    {
        Server.Store.CreateNamespace("other");

        var list = await Api.GetAsync("/apis/batch/v1/namespaces/other/jobs");
        var log = await Api.GetAsync("/api/v1/namespaces/other/pods/train-resnet-4xk2b/log");

        list.Status.Should().Be(HttpStatusCode.Forbidden);
        list.Json["message"]!.GetValue<string>().Should().Be(
            "jobs.batch is forbidden: User \"system:serviceaccount:ml-jobs:jobman\" cannot list resource \"jobs\" in API group \"batch\" in the namespace \"other\"");
        log.Json["message"]!.GetValue<string>().Should().Be(
            Contracts.Sample("status-403-forbidden-get-pod-log.json")["message"]!.GetValue<string>().Replace("\"ml-jobs\"", "\"other\"", StringComparison.Ordinal));
        log.Json["details"]!.ToJsonString().Should().Be("{\"name\":\"train-resnet-4xk2b\",\"kind\":\"pods\"}");
    }

    [Test]
    public async Task Create_fillsServer_side_fields_and_conflicts_on_duplicates()
    {
        var created = await Api.PostAsync(JobsPath, TestJobs.Job("create-me", "exit 0"));

        created.Status.Should().Be(HttpStatusCode.Created, created.Body);
        var job = created.Json;
        var uid = job["metadata"]!["uid"]!.GetValue<string>();
        job["kind"]!.GetValue<string>().Should().Be("Job");
        job["metadata"]!["labels"]!["batch.kubernetes.io/controller-uid"]!.GetValue<string>().Should().Be(uid);
        job["spec"]!["template"]!["metadata"]!["labels"]!.AsObject().Select(kv => kv.Key).Should().BeEquivalentTo(
            "batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-name", "controller-uid", "job-name");
        job["spec"]!["selector"]!.ToJsonString().Should().Be($"{{\"matchLabels\":{{\"batch.kubernetes.io/controller-uid\":\"{uid}\"}}}}");
        job["spec"]!["backoffLimit"]!.GetValue<int>().Should().Be(6);
        job["spec"]!["completions"]!.GetValue<int>().Should().Be(1);
        job["spec"]!["parallelism"]!.GetValue<int>().Should().Be(1);
        job["metadata"]!["resourceVersion"].Should().NotBeNull();

        var again = await Api.PostAsync(JobsPath, TestJobs.Job("create-me", "exit 0"));
        again.Status.Should().Be(HttpStatusCode.Conflict);
        again.Json["message"]!.GetValue<string>().Should().Be("jobs.batch \"create-me\" already exists");
        again.Json["reason"]!.GetValue<string>().Should().Be("AlreadyExists");
    }

    [Test]
    public async Task Dry_run_returns_the_object_without_storing_it()
    {
        var dry = await Api.PostAsync(JobsPath + "?dryRun=All", TestJobs.Job("dry-one", "exit 0"));

        dry.Status.Should().Be(HttpStatusCode.Created);
        dry.Json["spec"]!["selector"].Should().NotBeNull();
        (await Api.GetAsync(JobsPath + "/dry-one")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Invalid_jobs_are_rejected_with_422_and_causes()
    {
        var badName = await Api.PostAsync(JobsPath, TestJobs.Job("Train_ResNet", "exit 0"));
        var tooLong = await Api.PostAsync(JobsPath, TestJobs.Job(new string('a', 64), "exit 0"));
        var always = TestJobs.Job("always", "exit 0");
        always["spec"]!["template"]!["spec"]!["restartPolicy"] = "Always";
        var restart = await Api.PostAsync(JobsPath, always);

        badName.Status.Should().Be((HttpStatusCode)422);
        JsonNode.DeepEquals(badName.Json, Contracts.Sample("status-422-invalid-job-name.json")).Should().BeTrue(badName.Body);
        tooLong.Status.Should().Be((HttpStatusCode)422);
        tooLong.Json["message"]!.GetValue<string>().Should().Contain("must be no more than 63 characters");
        restart.Status.Should().Be((HttpStatusCode)422);
        restart.Json["message"]!.GetValue<string>().Should().Be(
            "Job.batch \"always\" is invalid: spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"");
    }

    [Test]
    public async Task Missing_objects_answer_the_sample_not_found_statuses()
    {
        var job = await Api.GetAsync(JobsPath + "/no-such-job");
        var pod = await Api.GetAsync("/api/v1/namespaces/ml-jobs/pods/train-resnet-zzzzz");

        job.Status.Should().Be(HttpStatusCode.NotFound);
        JsonNode.DeepEquals(job.Json, Contracts.Sample("status-404-notfound-job.json")).Should().BeTrue(job.Body);
        JsonNode.DeepEquals(pod.Json, Contracts.Sample("status-404-notfound-pod.json")).Should().BeTrue(pod.Body);
    }

    [Test]
    public async Task A_job_runs_its_command_and_completes_like_the_real_controller()
    {
        var job = TestJobs.Job("runs-ok", "echo out; echo err >&2");
        (await Api.PostAsync(JobsPath, job)).Status.Should().Be(HttpStatusCode.Created);

        var done = await Poll.UntilAsync(() => Server.Store.GetJob("ml-jobs", "runs-ok"), TestJobs.IsComplete, "runs-ok complete");

        var status = done!["status"]!;
        status["succeeded"]!.GetValue<int>().Should().Be(1);
        status["completionTime"].Should().NotBeNull();
        status["active"].Should().BeNull();
        status["ready"]!.GetValue<int>().Should().Be(0);
        status["uncountedTerminatedPods"]!.ToJsonString().Should().Be("{}");
        status["conditions"]!.AsArray().Select(c => $"{c!["type"]}/{c["reason"]}/{c["message"]}").Should().Equal(
            "SuccessCriteriaMet/CompletionsReached/Reached expected number of succeeded pods",
            "Complete/CompletionsReached/Reached expected number of succeeded pods");
        var pod = Server.Store.Pods("ml-jobs").Single(p => p["metadata"]!["labels"]!["job-name"]!.GetValue<string>() == "runs-ok");
        var name = pod["metadata"]!["name"]!.GetValue<string>();
        name.Should().MatchRegex("^runs-ok-[bcdfghjklmnpqrstvwxz2456789]{5}$");
        pod["metadata"]!["ownerReferences"]![0]!["controller"]!.GetValue<bool>().Should().BeTrue();
        pod["metadata"]!["ownerReferences"]![0]!["uid"]!.GetValue<string>().Should().Be(done["metadata"]!["uid"]!.GetValue<string>());
        pod["metadata"]!["finalizers"].Should().BeNull("the controller removes the tracking finalizer once counted");
        pod["status"]!["phase"]!.GetValue<string>().Should().Be("Succeeded");
        pod["status"]!["containerStatuses"]![0]!["state"]!["terminated"]!["reason"]!.GetValue<string>().Should().Be("Completed");

        var log = await Api.GetAsync($"/api/v1/namespaces/ml-jobs/pods/{name}/log");
        log.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().BeEquivalentTo("out", "err");
    }

    [Test]
    public async Task A_failing_job_is_retried_up_to_the_backoff_limit_then_fails()
    {
        Server.Scenarios.For("fails", JobScenario.Exit(3, "boom\n"));
        (await Api.PostAsync(JobsPath, TestJobs.Job("fails", "exit 0", backoffLimit: 1))).Status.Should().Be(HttpStatusCode.Created);

        var failed = await Poll.UntilAsync(() => Server.Store.GetJob("ml-jobs", "fails"), j => TestJobs.HasCondition(j, "Failed"), "fails to fail");

        failed!["status"]!["failed"]!.GetValue<int>().Should().Be(2);
        failed["status"]!["completionTime"].Should().BeNull();
        failed["status"]!["conditions"]!.AsArray().Select(c => $"{c!["type"]}/{c["reason"]}/{c["message"]}").Should().Equal(
            "FailureTarget/BackoffLimitExceeded/Job has reached the specified backoff limit",
            "Failed/BackoffLimitExceeded/Job has reached the specified backoff limit");
        var pods = Server.Store.Pods("ml-jobs").Where(p => p["metadata"]!["labels"]!["job-name"]!.GetValue<string>() == "fails").ToList();
        pods.Should().HaveCount(2);
        pods.Should().OnlyContain(p => p["status"]!["containerStatuses"]![0]!["state"]!["terminated"]!["exitCode"]!.GetValue<int>() == 3);
    }

    [Test]
    public async Task Configmaps_support_optimistic_concurrency()
    {
        const string path = "/api/v1/namespaces/ml-jobs/configmaps";
        var cm = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "jobman-state" }, ["data"] = new JsonObject { ["a"] = "1" } };
        var created = await Api.PostAsync(path, cm);
        created.Status.Should().Be(HttpStatusCode.Created);
        var duplicate = await Api.PostAsync(path, cm);
        JsonNode.DeepEquals(duplicate.Json, Contracts.Sample("status-409-alreadyexists-configmap.json")).Should().BeTrue(duplicate.Body);

        var current = created.Json;
        current["data"]!["a"] = "2";
        var updated = await Api.PutAsync(path + "/jobman-state", current);
        updated.Status.Should().Be(HttpStatusCode.OK, updated.Body);
        current["data"]!["a"] = "3";
        var stale = await Api.PutAsync(path + "/jobman-state", current);

        stale.Status.Should().Be(HttpStatusCode.Conflict);
        stale.Json["reason"]!.GetValue<string>().Should().Be("Conflict");
        Server.Store.GetConfigMap("ml-jobs", "jobman-state")!["data"]!["a"]!.GetValue<string>().Should().Be("2");
    }

    [Test]
    public async Task Responses_use_http2_when_the_client_asks_for_it()
    {
        var response = await Api.GetAsync("/api/v1/namespaces/ml-jobs/pods");

        response.Message.Version.Should().Be(HttpVersion.Version20);
        response.Json["kind"]!.GetValue<string>().Should().Be("PodList");
    }
}
