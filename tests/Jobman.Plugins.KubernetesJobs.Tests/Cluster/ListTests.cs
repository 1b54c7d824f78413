using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Plugins.KubernetesJobs.Tests.Cluster;

public class ListTests : ClusterTest
{
    [Test]
    public async Task List_shows_status_and_reason_of_every_jobman_job_with_two_api_calls()
    {
        await SubmitAsync("ok", command: ["echo", "fine"]);
        await SubmitAsync("exit3", JobScenario.Exit(3));
        await SubmitAsync("pending", JobScenario.Unschedulable);
        await SubmitAsync("pull", JobScenario.ImagePullBackOff);
        await SubmitAsync("oom", JobScenario.OomKilled);
        await SubmitAsync("held", JobScenario.Hold);
        Cluster.Store.PutJob(Ns, ForeignJob("not-mine"), managed: false);
        var odd = Cluster.Store.PutJob(Ns, OddJob("odd"), managed: false);
        Cluster.Store.PutPod(Ns, JsonNode.Parse("""
            {"metadata":{"name":"odd-x2x2x","labels":{"batch.kubernetes.io/job-name":"odd","batch.kubernetes.io/controller-uid":"@UID@"}},
             "spec":{"containers":[{"name":"main","image":"x"}]},"status":{"phase":"Exploded"}}
            """.Replace("@UID@", (string?)odd["metadata"]!["uid"], StringComparison.Ordinal))!.AsObject());

        var expected = new Dictionary<string, (string Status, string Reason)>
        {
            ["ok"] = ("Succeeded", ""),
            ["exit3"] = ("Failed", "BackoffLimitExceeded: exit code 3"),
            ["pending"] = ("Pending", "Unschedulable"),
            ["pull"] = ("Pending", "ImagePullBackOff"),
            ["oom"] = ("Failed", "BackoffLimitExceeded: OOMKilled"),
            ["held"] = ("Running", ""),
        };
        await ListUntilAsync(jobs => expected.All(e => jobs.Any(j => (string?)j!["name"] == e.Key && (string?)j["status"] == e.Value.Status && ((string?)j["reason"] ?? "") == e.Value.Reason)));

        Cluster.ClearRequests();
        var result = await Run("list", "-o", "json");
        var jobs = (JsonArray)JsonNode.Parse(result.Stdout)!;
        jobs.Select(j => (string)j!["name"]!).Should().BeEquivalentTo(["ok", "exit3", "pending", "pull", "oom", "held", "odd"]);
        jobs.Single(j => (string)j!["name"]! == "odd")!["status"]!.GetValue<string>().Should().Be("Unknown");
        jobs.Single(j => (string)j!["name"]! == "ok")!["flavor"]!.GetValue<string>().Should().Be("no-gpu");
        // The two lists are sent at once (in either order), over HTTP/1.1: bodies read whole, unlike a log.
        Cluster.Requests.Select(r => $"{r.Method} {r.Path} {r.Protocol}").Should().BeEquivalentTo(
            "GET /apis/batch/v1/namespaces/team-a/jobs HTTP/1.1",
            "GET /api/v1/namespaces/team-a/pods HTTP/1.1");
        Cluster.Requests.Single(r => r.Path.EndsWith("/jobs", StringComparison.Ordinal)).Query
            .Should().Contain("labelSelector=app.kubernetes.io%2Fmanaged-by%3Djobman").And.Contain("limit=500");
        Cluster.Requests.Single(r => r.Path.EndsWith("/pods", StringComparison.Ordinal)).Query
            .Should().Contain("labelSelector=batch.kubernetes.io%2Fcontroller-uid&");

        var all = await Run("list", "--all-jobs", "-o", "json");
        ((JsonArray)JsonNode.Parse(all.Stdout)!).Select(j => (string)j!["name"]!).Should().Contain("not-mine");
        Cluster.Scenarios.Release("held");
    }

    [Test]
    public async Task Table_is_newest_first_with_the_documented_columns()
    {
        var old = SuspendedJob("first");
        old["metadata"]!["creationTimestamp"] = "2020-01-01T00:00:00Z";
        Cluster.Store.PutJob(Ns, old, managed: false);
        await SubmitAsync("second");
        await WaitForStatusAsync("second", "Succeeded");
        var table = await Run("list");
        table.ExitCode.Should().Be(0, table.ToString());
        var lines = table.Stdout.TrimEnd().Split('\n');
        lines[0].Should().MatchRegex("^NAME +STATUS +REASON +FLAVOR +AGE +DURATION +START$");
        lines.Skip(1).Select(l => l.Split(' ')[0]).Should().Equal("second", "first");
        lines[1].Should().MatchRegex("^second +Succeeded +- +no-gpu +");

        var wide = await Run("list", "-o", "wide");
        wide.Stdout.Split('\n')[0].Should().EndWith("PODS   POSITION   NAMESPACE   IMAGE     NODE");
        wide.Stdout.Should().Contain("team-a").And.Contain("busybox");

        var yaml = await Run("list", "-o", "yaml");
        yaml.Stdout.Should().Contain("- name: second");
    }

    [Test]
    public async Task Jobs_created_in_the_same_second_are_listed_by_name()
    {
        foreach (var (name, created) in new[] { ("b", "2024-01-01T00:00:00Z"), ("newer", "2025-01-01T00:00:00Z"), ("c", "2024-01-01T00:00:00Z"), ("a", "2024-01-01T00:00:00Z") })
        {
            var job = SuspendedJob(name);
            job["metadata"]!["creationTimestamp"] = created;
            Cluster.Store.PutJob(Ns, job, managed: false);
        }

        var result = await Run("list", "--all-jobs");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.TrimEnd().Split('\n').Skip(1).Select(l => l.Split(' ')[0]).Should().Equal("newer", "a", "b", "c");
    }

    [Test]
    public async Task Empty_namespace_says_so()
    {
        var result = await Run("list");
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be("no jobman jobs in namespace 'team-a'\n");
    }

    [Test]
    public async Task Many_jobs_are_listed_in_pages_and_survive_an_expired_continue_token()
    {
        for (var i = 0; i < 501; i++)
        {
            Cluster.Store.PutJob(Ns, SuspendedJob($"bulk-{i:D3}"), managed: false);
        }

        Cluster.ClearRequests();
        var result = await Run("list", "-o", "json");
        ((JsonArray)JsonNode.Parse(result.Stdout)!).Count.Should().Be(501);
        CountRequests("GET", "/jobs").Should().Be(2);
        Cluster.Requests.Last(r => r.Path.EndsWith("/jobs", StringComparison.Ordinal)).Query.Should().Contain("continue=");

        Cluster.Faults.ExpireContinueTokens = true;
        var again = await Run("list", "-o", "json");
        again.ExitCode.Should().Be(0, again.ToString());
        ((JsonArray)JsonNode.Parse(again.Stdout)!).Count.Should().Be(501);
    }

    [Test]
    public async Task Watch_prints_a_new_table_when_a_job_changes_until_cancelled()
    {
        await SubmitAsync("watched", JobScenario.Hold);
        await WaitForStatusAsync("watched", "Running");
        using var cancel = new CancellationTokenSource();
        Cluster.ClearRequests();
        var runner = Runner();
        var watch = runner.RunAsync(cancel.Token, "list", "--watch");
        await EventuallyAsync(() => runner.StdoutSoFar.Contains("Running", StringComparison.Ordinal), "the first table was printed");
        await EventuallyAsync(() => Cluster.OpenStreamCount == 2, "jobman watches the jobs and the pods");
        Cluster.Scenarios.Release("watched");
        await EventuallyAsync(() => runner.StdoutSoFar.Contains("Succeeded", StringComparison.Ordinal), "a new table was printed when the job completed");
        await EventuallyAsync(() => Cluster.OpenStreamCount == 2, "jobman watches again");
        await cancel.CancelAsync();
        var result = await watch;

        result.ExitCode.Should().Be(0, result.ToString());
        var tables = result.Stdout.Split("\n\n");
        tables.Should().HaveCount(2, result.Stdout);
        tables[0].Should().Contain("watched").And.Contain("Running");
        tables[1].Should().Contain("watched").And.Contain("Succeeded");

        // Watches start where their list was read (nothing in between is missed), and lists are only read again
        // after an event: one list of each at start, one more per burst of events (the job and its pod changed).
        await EventuallyAsync(() => Cluster.OpenStreamCount == 0, "the watches were closed");
        var watches = Cluster.Requests.Where(r => r.Query.Contains("watch=true", StringComparison.Ordinal)).ToList();
        watches.Should().NotBeEmpty().And.OnlyContain(r => r.Query.Contains("resourceVersion=", StringComparison.Ordinal));
        Cluster.Requests.Count(r => r.Path.EndsWith("/jobs", StringComparison.Ordinal) && !r.Query.Contains("watch=true", StringComparison.Ordinal))
            .Should().BeInRange(2, 6, "no polling: {0}", string.Join(", ", Cluster.Requests.Select(r => r.Path + r.Query)));
    }

    [Test]
    public async Task Watch_polls_when_the_user_may_list_but_not_watch()
    {
        var token = Cluster.AddRestrictedUser("carol", "team-c", "watch");
        var kubeconfig = Cluster.WriteKubeconfig(Path.Combine(Folder, "carol"), token, "team-c");
        using var cancel = new CancellationTokenSource();
        var runner = Runner();
        runner.Environment["KUBECONFIG"] = kubeconfig;
        var watch = runner.RunAsync(cancel.Token, "list", "--watch");
        await EventuallyAsync(() => runner.StdoutSoFar.Contains("no jobman jobs", StringComparison.Ordinal), "the first table was printed");
        Cluster.Store.PutJob("team-c", SuspendedJob("late"), managed: false);
        await EventuallyAsync(() => runner.StdoutSoFar.Contains("late", StringComparison.Ordinal), "a polled list showed the new job");
        await cancel.CancelAsync();
        var result = await watch;

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().BeEmpty();
        Cluster.Requests.Should().Contain(r => r.User == "carol" && r.Query.Contains("watch=true", StringComparison.Ordinal) && r.StatusCode == 403);
    }

    [Test]
    public async Task Jobs_whose_pods_carry_no_jobman_label_show_their_real_status()
    {
        // As kubectl or a template that drops pod labels creates them: jobman's label on the Job only.
        Cluster.Scenarios.For("runs", JobScenario.Hold);
        Cluster.Scenarios.For("waits", JobScenario.Unschedulable);
        Cluster.Store.PutJob(Ns, LabelledOnTheJobOnly("runs"));
        Cluster.Store.PutJob(Ns, LabelledOnTheJobOnly("waits"));
        Cluster.Store.PutJob(Ns, LabelledOnTheJobOnly("ends"));

        var jobs = await ListUntilAsync(jobs =>
            jobs.Any(j => (string?)j!["name"] == "runs" && (string?)j["status"] == "Running")
            && jobs.Any(j => (string?)j!["name"] == "waits" && (string?)j["status"] == "Pending" && (string?)j["reason"] == "Unschedulable")
            && jobs.Any(j => (string?)j!["name"] == "ends" && (string?)j["status"] == "Succeeded"));
        jobs.Where(j => (string?)j!["name"] != "ends").Should().OnlyContain(j => (int)j!["pods"]! == 1);
        var details = JsonNode.Parse((await Run("details", "-j", "runs", "-o", "json")).Stdout)!;
        var labels = details["pods"]![0]!["metadata"]!["labels"]!.AsObject();
        labels.Should().ContainKey("batch.kubernetes.io/controller-uid").And.NotContainKey("app.kubernetes.io/managed-by");
        Cluster.Scenarios.Release("runs");
    }

    [Test]
    public async Task Hundreds_of_running_jobs_without_jobman_pod_labels_are_all_running_with_four_paged_calls()
    {
        // Seeded as a cluster at scale looks: every job active and ready, its pod labelled by the Job controller
        // only; the pods of a tenth of them are not (or no longer) listed, which the job's own status covers.
        const int count = 600;
        for (var i = 0; i < count; i++)
        {
            var job = Cluster.Store.PutJob(Ns, RunningJob($"scale-{i:D3}"), managed: false);
            if (i % 10 != 0)
            {
                Cluster.Store.PutPod(Ns, RunningPodOf(job));
            }
        }

        Cluster.ClearRequests();
        var result = await Run("list", "-o", "json");
        result.ExitCode.Should().Be(0, result.ToString());
        var jobs = (JsonArray)JsonNode.Parse(result.Stdout)!;
        jobs.Should().HaveCount(count);
        jobs.Where(j => (string?)j!["status"] != "Running").Select(j => j!.ToJsonString()).Should().BeEmpty();
        jobs.Count(j => (int)j!["pods"]! == 1).Should().Be(count - (count / 10));
        CountRequests("GET", "/jobs").Should().Be(2);
        CountRequests("GET", "/pods").Should().Be(2);
    }

    private static JsonObject LabelledOnTheJobOnly(string name) => JsonNode.Parse("""
        {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"@NAME@","labels":{"app.kubernetes.io/managed-by":"jobman"}},
         "spec":{"backoffLimit":0,"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"main","image":"busybox","command":["true"]}]}}}}
        """.Replace("@NAME@", name, StringComparison.Ordinal))!.AsObject();

    private static JsonObject RunningJob(string name) => JsonNode.Parse("""
        {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"@NAME@","labels":{"app.kubernetes.io/managed-by":"jobman"}},
         "spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"main","image":"x"}]}}},
         "status":{"active":1,"ready":1,"startTime":"2026-01-01T00:00:00Z","terminating":0}}
        """.Replace("@NAME@", name, StringComparison.Ordinal))!.AsObject();

    private static JsonObject RunningPodOf(JsonObject job)
    {
        var name = (string)job["metadata"]!["name"]!;
        var uid = (string)job["metadata"]!["uid"]!;
        return JsonNode.Parse("""
            {"metadata":{"name":"@NAME@-abcde","labels":{"batch.kubernetes.io/controller-uid":"@UID@","batch.kubernetes.io/job-name":"@NAME@","controller-uid":"@UID@","job-name":"@NAME@"},
              "ownerReferences":[{"apiVersion":"batch/v1","kind":"Job","name":"@NAME@","uid":"@UID@","controller":true,"blockOwnerDeletion":true}]},
             "spec":{"containers":[{"name":"main","image":"x"}]},
             "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}],"containerStatuses":[{"name":"main","ready":true,"state":{"running":{"startedAt":"2026-01-01T00:00:01Z"}}}]}}
            """.Replace("@NAME@", name, StringComparison.Ordinal).Replace("@UID@", uid, StringComparison.Ordinal))!.AsObject();
    }

    private static JsonObject ForeignJob(string name) => JsonNode.Parse("""
        {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"@NAME@"},
         "spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"x"}]}}},
         "status":{"succeeded":1}}
        """.Replace("@NAME@", name, StringComparison.Ordinal))!.AsObject();

    private static JsonObject OddJob(string name) => JsonNode.Parse("""
        {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"@NAME@","labels":{"app.kubernetes.io/managed-by":"jobman"}},
         "spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"main","image":"x"}]}}}}
        """.Replace("@NAME@", name, StringComparison.Ordinal))!.AsObject();

    private static JsonObject SuspendedJob(string name) => JsonNode.Parse("""
        {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"@NAME@","labels":{"app.kubernetes.io/managed-by":"jobman"}},
         "spec":{"suspend":true,"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"main","image":"x"}]}}},
         "status":{}}
        """.Replace("@NAME@", name, StringComparison.Ordinal))!.AsObject();
}
