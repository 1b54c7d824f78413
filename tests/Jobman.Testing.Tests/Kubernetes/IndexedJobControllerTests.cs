using System.Net;
using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Testing.Tests.Kubernetes;

/// <summary>Indexed Jobs in the double's apiserver and Job controller: admission, pods per index, per-index backoff, suspend.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class IndexedJobControllerTests() : ApiServerFixture("dora", Ns, new KubernetesApiServerOptions { PodRetryDelay = TimeSpan.Zero })
{
    private const string Ns = "indexed";
    private const string Jobs = $"/apis/batch/v1/namespaces/{Ns}/jobs";

    private static IEnumerable<TestCaseData> RefusedSpecs()
    {
        yield return new TestCaseData(new JsonObject { ["completionMode"] = "Indexed" },
            "spec.completions: Required value: when completion mode is Indexed").SetName("Indexed without completions");
        yield return new TestCaseData(new JsonObject { ["backoffLimitPerIndex"] = 1 },
            "spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode").SetName("backoffLimitPerIndex on a NonIndexed job");
        yield return new TestCaseData(new JsonObject { ["completionMode"] = "NonIndexed", ["backoffLimitPerIndex"] = 0, ["maxFailedIndexes"] = 0 },
            "[spec.backoffLimitPerIndex: Invalid value: 0: requires indexed completion mode, spec.maxFailedIndexes: Invalid value: 0: requires indexed completion mode]")
            .SetName("maxFailedIndexes on a NonIndexed job");
        yield return new TestCaseData(new JsonObject { ["completionMode"] = "Indexed", ["completions"] = 3, ["maxFailedIndexes"] = 1 },
            "spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified").SetName("maxFailedIndexes without backoffLimitPerIndex");
        yield return new TestCaseData(new JsonObject { ["completionMode"] = "Indexed", ["completions"] = 3, ["backoffLimitPerIndex"] = 1, ["maxFailedIndexes"] = 5 },
            "spec.maxFailedIndexes: Invalid value: 5: must be less than or equal to completions").SetName("maxFailedIndexes above completions");
        yield return new TestCaseData(new JsonObject { ["completionMode"] = "Indexed", ["completions"] = 3, ["parallelism"] = 100001 },
            "spec.parallelism: Invalid value: 100001: must be less than or equal to 100000 when completion mode is Indexed").SetName("parallelism above 100000");
        yield return new TestCaseData(new JsonObject { ["completionMode"] = "Sequential", ["completions"] = 3 },
            "spec.completionMode: Unsupported value: \"Sequential\": supported values: \"NonIndexed\", \"Indexed\"").SetName("unknown completion mode");
    }

    [TestCaseSource(nameof(RefusedSpecs))]
    public async Task Admission_refuses_what_apiserver_refuses(JsonObject specFields, string expected)
    {
        var job = TestJobs.Job("refused", "true");
        foreach (var (key, value) in specFields)
        {
            job["spec"]![key] = value?.DeepClone();
        }

        var response = await Api.PostAsync(Jobs, job);

        response.Status.Should().Be(HttpStatusCode.UnprocessableEntity, response.Body);
        response.Json["message"]!.GetValue<string>().Should().Be($"Job.batch \"refused\" is invalid: {expected}");
        Server.Store.GetJob(Ns, "refused").Should().BeNull();
    }

    [Test]
    public async Task Admission_refuses_a_name_whose_last_pod_hostname_is_no_dns_label()
    {
        var name = new string('a', 62);
        var response = await Api.PostAsync(Jobs, TestJobs.Indexed(name, "true", completions: 10, parallelism: 1));

        response.Status.Should().Be(HttpStatusCode.UnprocessableEntity, response.Body);
        response.Json["message"]!.GetValue<string>().Should().EndWith($"metadata.name: Invalid value: \"{name}\": will not able to create pod with invalid DNS label: {name}-9");
    }

    [Test]
    public async Task Backoff_limit_defaults_to_max_int32_with_backoff_limit_per_index_and_parallelism_to_1()
    {
        var job = TestJobs.Indexed("defaults", "true", completions: 2, parallelism: 1, backoffLimitPerIndex: 1);
        job["spec"]!.AsObject().Remove("parallelism");

        var created = await Api.PostAsync(Jobs, job);

        created.Status.Should().Be(HttpStatusCode.Created, created.Body);
        created.Json["spec"]!["backoffLimit"]!.GetValue<long>().Should().Be(2147483647);
        created.Json["spec"]!["parallelism"]!.GetValue<int>().Should().Be(1);
        created.Json["spec"]!["completionMode"]!.GetValue<string>().Should().Be("Indexed");
        var done = await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "defaults"), TestJobs.IsComplete, "defaults complete");
        done!["status"]!["failedIndexes"]!.GetValue<string>().Should().Be("", "failedIndexes is present whenever backoffLimitPerIndex is set");
        done["status"]!["completedIndexes"]!.GetValue<string>().Should().Be("0,1");
    }

    [Test]
    public async Task Parallelism_caps_the_pods_and_the_lowest_indexes_start_first()
    {
        Server.Scenarios.For("capped", JobScenario.Hold);
        Server.Store.PutJob(Ns, TestJobs.Indexed("capped", "true", completions: 5, parallelism: 3));

        var job = await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "capped"), j => (int?)j?["status"]?["active"] == 3, "3 active pods");

        Pods("capped").Select(TestJobs.IndexOf).Should().BeEquivalentTo([0, 1, 2]);
        job!["status"]!.AsObject().ContainsKey("completedIndexes").Should().BeFalse();
        Server.Scenarios.Release("capped");
        var done = await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "capped"), TestJobs.IsComplete, "capped complete");
        done!["status"]!["completedIndexes"]!.GetValue<string>().Should().Be("0-4");
        done["status"]!["succeeded"]!.GetValue<int>().Should().Be(5);
        Pods("capped").Select(TestJobs.IndexOf).Should().BeEquivalentTo([0, 1, 2, 3, 4]);
        Conditions(done).Should().Equal("SuccessCriteriaMet", "Complete");
    }

    [Test]
    public async Task An_index_that_keeps_failing_is_failed_alone_and_the_job_fails_with_failed_indexes()
    {
        Server.Store.PutJob(Ns, TestJobs.Indexed("per-index", "test \"$JOB_COMPLETION_INDEX\" != 2", completions: 4, parallelism: 4, backoffLimitPerIndex: 1));

        var failed = await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "per-index"), j => TestJobs.HasCondition(j, "Failed"), "per-index failed");

        var status = failed!["status"]!;
        status["failedIndexes"]!.GetValue<string>().Should().Be("2");
        status["completedIndexes"]!.GetValue<string>().Should().Be("0,1,3");
        status["succeeded"]!.GetValue<int>().Should().Be(3);
        status["failed"]!.GetValue<int>().Should().Be(2, "index 2 ran twice: once plus one retry");
        Conditions(failed).Should().Equal("FailureTarget", "Failed");
        TestJobs.Condition(failed, "Failed")!["reason"]!.GetValue<string>().Should().Be("FailedIndexes");
        TestJobs.Condition(failed, "Failed")!["message"]!.GetValue<string>().Should().Be("Job has failed indexes");
        TestJobs.Condition(failed, "FailureTarget")!["reason"]!.GetValue<string>().Should().Be("FailedIndexes");
        var second = Pods("per-index").Where(p => TestJobs.IndexOf(p) == 2)
            .Select(p => p["metadata"]!["annotations"]!["batch.kubernetes.io/job-index-failure-count"]!.GetValue<string>());
        second.Should().BeEquivalentTo(["0", "1"]);
        Pods("per-index").Where(p => TestJobs.IndexOf(p) != 2)
            .Select(p => p["metadata"]!["annotations"]!["batch.kubernetes.io/job-index-failure-count"]!.GetValue<string>())
            .Should().AllBe("0");
        var events = await Api.GetAsync($"/api/v1/namespaces/{Ns}/events?fieldSelector=involvedObject.name%3Dper-index,type%3DWarning");
        events.Json["items"]!.AsArray().Select(e => $"{e!["reason"]}: {e["message"]}").Should().Equal("FailedIndexes: Job has failed indexes");
    }

    [Test]
    public async Task More_failed_indexes_than_max_failed_indexes_fail_the_job_and_stop_the_other_pods()
    {
        Server.Scenarios.For("too-many", JobScenario.ByIndex(i => i < 2 ? JobScenario.Exit(3, $"index {i} broke\n") : JobScenario.Hold));
        Server.Store.PutJob(Ns, TestJobs.Indexed("too-many", "true", completions: 4, parallelism: 2, backoffLimitPerIndex: 0, maxFailedIndexes: 1));

        var failed = await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "too-many"), j => TestJobs.HasCondition(j, "Failed"), "too-many failed");

        TestJobs.Condition(failed, "Failed")!["reason"]!.GetValue<string>().Should().Be("MaxFailedIndexesExceeded");
        TestJobs.Condition(failed, "Failed")!["message"]!.GetValue<string>().Should().Be("Job has exceeded the specified maximal number of failed indexes");
        Conditions(failed).Should().Equal("FailureTarget", "Failed");
        failed!["status"]!["failedIndexes"]!.GetValue<string>().Should().Be("0,1");
        failed["status"]!.AsObject().ContainsKey("active").Should().BeFalse();
        failed["status"]!["terminating"]!.GetValue<int>().Should().Be(0);
        Pods("too-many").Should().OnlyContain(p => p["status"]!["phase"]!.GetValue<string>() == "Failed" || p["metadata"]!["deletionTimestamp"] != null);
        Pods("too-many").Where(p => TestJobs.IndexOf(p) < 2).Should().HaveCount(2, "backoffLimitPerIndex 0: no retry");
    }

    [Test]
    public async Task Without_backoff_limit_per_index_the_job_wide_backoff_limit_applies()
    {
        Server.Store.PutJob(Ns, TestJobs.Indexed("global-limit", "test \"$JOB_COMPLETION_INDEX\" != 1", completions: 3, parallelism: 3));
        var job = Server.Store.GetJob(Ns, "global-limit")!;
        job["spec"]!["backoffLimit"]!.GetValue<int>().Should().Be(6);

        var failed = await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "global-limit"), j => TestJobs.HasCondition(j, "Failed"), "global-limit failed");

        TestJobs.Condition(failed, "Failed")!["reason"]!.GetValue<string>().Should().Be("BackoffLimitExceeded");
        failed!["status"]!["failed"]!.GetValue<int>().Should().Be(7);
        failed["status"]!["completedIndexes"]!.GetValue<string>().Should().Be("0,2");
        failed["status"]!.AsObject().ContainsKey("failedIndexes").Should().BeFalse();
        Pods("global-limit").Should().OnlyContain(p => !p["metadata"]!["annotations"]!.AsObject().ContainsKey("batch.kubernetes.io/job-index-failure-count"));
    }

    [Test]
    public async Task Completions_change_only_in_tandem_with_parallelism_and_a_scale_down_removes_the_high_indexes()
    {
        Server.Scenarios.For("elastic", JobScenario.Hold);
        Server.Store.PutJob(Ns, TestJobs.Indexed("elastic", "true", completions: 3, parallelism: 3));
        await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "elastic"), j => (int?)j?["status"]?["active"] == 3, "3 active pods");

        var alone = await Patch("elastic", new JsonObject { ["completions"] = 5 });
        var tandem = await Patch("elastic", new JsonObject { ["completions"] = 2, ["parallelism"] = 2 });

        alone.Status.Should().Be(HttpStatusCode.UnprocessableEntity, alone.Body);
        alone.Json["message"]!.GetValue<string>().Should().Be("Job.batch \"elastic\" is invalid: spec.completions: Invalid value: 5: can only be modified in tandem with spec.parallelism");
        tandem.Status.Should().Be(HttpStatusCode.OK, tandem.Body);
        await Poll.UntilAsync(() => Pods("elastic").Where(p => p["metadata"]!["deletionTimestamp"] is null).Select(TestJobs.IndexOf).ToList(),
            live => live.Count == 2 && !live.Contains(2), "the pod of index 2 removed");
        Server.Scenarios.Release("elastic");
        var done = await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "elastic"), TestJobs.IsComplete, "elastic complete");
        done!["status"]!["completedIndexes"]!.GetValue<string>().Should().Be("0,1");
        done["status"]!["succeeded"]!.GetValue<int>().Should().Be(2);
        done["status"]!.AsObject().ContainsKey("failed").Should().BeFalse("a pod removed by a scale-down is not the job's work any more");
    }

    [Test]
    public async Task Suspend_deletes_the_active_pods_and_resume_runs_only_the_unfinished_indexes()
    {
        var gate = Directory.CreateTempSubdirectory("indexed-gate-").FullName;
        try
        {
            // Each index runs until the test creates its gate file.
            var script = $"while [ ! -e '{gate}'/$JOB_COMPLETION_INDEX ]; do sleep 0.02; done; echo done $JOB_COMPLETION_INDEX";
            Server.Store.PutJob(Ns, TestJobs.Indexed("pausable", script, completions: 4, parallelism: 2));
            await Poll.UntilAsync(() => RunningIndexes("pausable"), r => r.Count == 2, "indexes 0 and 1 running");
            await File.WriteAllTextAsync(Path.Combine(gate, "0"), string.Empty);
            await Poll.UntilAsync(() => RunningIndexes("pausable"), r => r.SequenceEqual([1, 2]), "index 0 done, 2 running");

            var suspend = await Patch("pausable", new JsonObject { ["suspend"] = true });

            suspend.Status.Should().Be(HttpStatusCode.OK, suspend.Body);
            var suspended = await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "pausable"),
                j => TestJobs.HasCondition(j, "Suspended") && j!["status"]!["terminating"]!.GetValue<int>() == 0 && Pods("pausable").Count == 1,
                "pausable suspended, its active pods gone");
            suspended!["status"]!.AsObject().ContainsKey("active").Should().BeFalse();
            suspended["status"]!.AsObject().ContainsKey("failed").Should().BeFalse("pods deleted by a suspension are no failures");
            suspended["status"]!["completedIndexes"]!.GetValue<string>().Should().Be("0");
            suspended["status"]!.AsObject().ContainsKey("startTime").Should().BeFalse();

            var resume = await Patch("pausable", new JsonObject { ["suspend"] = false });

            resume.Status.Should().Be(HttpStatusCode.OK, resume.Body);
            await Poll.UntilAsync(() => RunningIndexes("pausable"), r => r.SequenceEqual([1, 2]), "indexes 1 and 2 running again");
            foreach (var index in new[] { "1", "2", "3" })
            {
                await File.WriteAllTextAsync(Path.Combine(gate, index), string.Empty);
            }

            var done = await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "pausable"), TestJobs.IsComplete, "pausable complete");
            done!["status"]!["completedIndexes"]!.GetValue<string>().Should().Be("0-3");
            Pods("pausable").Where(p => TestJobs.IndexOf(p) == 0).Should().HaveCount(1, "index 0 had succeeded before the suspension");
            TestJobs.Condition(done, "Suspended")!["reason"]!.GetValue<string>().Should().Be("JobResumed");
        }
        finally
        {
            Directory.Delete(gate, recursive: true);
        }
    }

    [Test]
    public async Task A_merge_patch_suspends_and_resumes_a_non_indexed_job()
    {
        Server.Scenarios.For("plain-pausable", JobScenario.Hold);
        var job = TestJobs.Job("plain-pausable", "true");
        job["spec"]!["completions"] = 2;
        job["spec"]!["parallelism"] = 2;
        Server.Store.PutJob(Ns, job);
        await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "plain-pausable"), j => (int?)j?["status"]?["active"] == 2, "2 active pods");
        var firstPods = Pods("plain-pausable").Select(p => p["metadata"]!["name"]!.GetValue<string>()).ToList();

        (await Patch("plain-pausable", new JsonObject { ["suspend"] = true })).Status.Should().Be(HttpStatusCode.OK);
        await Poll.UntilAsync(() => Pods("plain-pausable").Count, n => n == 0, "plain-pausable pods gone");
        (await Patch("plain-pausable", new JsonObject { ["suspend"] = false })).Status.Should().Be(HttpStatusCode.OK);
        await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "plain-pausable"), j => (int?)j?["status"]?["active"] == 2, "2 new active pods");
        Server.Scenarios.Release("plain-pausable");

        var done = await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "plain-pausable"), TestJobs.IsComplete, "plain-pausable complete");
        done!["status"]!["succeeded"]!.GetValue<int>().Should().Be(2);
        done["status"]!.AsObject().ContainsKey("failed").Should().BeFalse();
        done["status"]!.AsObject().ContainsKey("completedIndexes").Should().BeFalse();
        Pods("plain-pausable").Select(p => p["metadata"]!["name"]!.GetValue<string>()).Should().NotIntersectWith(firstPods);
    }

    private Task<ApiClient.Response> Patch(string job, JsonObject spec) =>
        Api.SendAsync(HttpMethod.Patch, $"{Jobs}/{job}", new JsonObject { ["spec"] = spec }, "application/merge-patch+json");

    private List<JsonObject> Pods(string job) =>
        Server.Store.Pods(Ns).Where(p => (string?)p["metadata"]!["labels"]!["job-name"] == job).ToList();

    private List<int> RunningIndexes(string job) =>
        Pods(job).Where(p => (string?)p["status"]!["phase"] == "Running" && p["metadata"]!["deletionTimestamp"] is null)
            .Select(TestJobs.IndexOf).Order().ToList();

    private static List<string> Conditions(JsonObject? job) =>
        (job?["status"]?["conditions"] as JsonArray ?? []).Select(c => c!["type"]!.GetValue<string>()).ToList();
}
