using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Testing.Tests.Kubernetes;

/// <summary>Wire details: selectors, paging tokens, watches, log options, deletion propagation, RBAC scopes, faults.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class ApiServerProtocolTests() : ApiServerFixture("dave", Ns, new KubernetesApiServerOptions { PodRetryDelay = TimeSpan.Zero })
{
    private const string Ns = "wire";
    private const string JobsPath = "/apis/batch/v1/namespaces/wire/jobs";

    [OneTimeSetUp]
    public void SeedJobs()
    {
        foreach (var (name, team) in new[] { ("sel-a", "red"), ("sel-b", "blue"), ("sel-c", (string?)null) })
        {
            var job = TestJobs.Job(name, "true");
            if (team is not null)
            {
                job["metadata"]!["labels"] = new JsonObject { ["team"] = team };
            }

            Server.Store.PutJob(Ns, job, managed: false);
        }
    }

    [TearDown]
    public void ResetFaults() => Server.Faults.Clear();

    [TestCase("team=red", "sel-a")]
    [TestCase("team==red", "sel-a")]
    [TestCase("team!=red", "sel-b,sel-c")]
    [TestCase("team in (red,blue)", "sel-a,sel-b")]
    [TestCase("team notin (red)", "sel-b,sel-c")]
    [TestCase("team", "sel-a,sel-b")]
    [TestCase("!team", "sel-c")]
    [TestCase("team,team!=red", "sel-b")]
    public async Task Label_selectors_followApimachinery_semantics(string selector, string expected)
    {
        var list = await Api.GetAsync($"{JobsPath}?labelSelector={Uri.EscapeDataString(selector)}");

        list.Status.Should().Be(HttpStatusCode.OK, list.Body);
        Names(list.Json).Where(n => n.StartsWith("sel-", StringComparison.Ordinal)).Should().Equal(expected.Split(','));
    }

    [Test]
    public async Task Lists_are_rawApi_lists_without_item_type_meta()
    {
        var list = await Api.GetAsync($"{JobsPath}?fieldSelector=metadata.name%3Dsel-b");

        list.Json["kind"]!.GetValue<string>().Should().Be("JobList");
        list.Json["apiVersion"]!.GetValue<string>().Should().Be("batch/v1");
        list.Json["metadata"]!["resourceVersion"]!.GetValue<string>().Should().NotBeEmpty();
        var item = list.Json["items"]!.AsArray().Single()!.AsObject();
        item.ContainsKey("kind").Should().BeFalse();
        item.ContainsKey("apiVersion").Should().BeFalse();
        item["metadata"]!["name"]!.GetValue<string>().Should().Be("sel-b");
        list.Message.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
    }

    [Test]
    public async Task Continue_tokens_have_theApiserver_encoding_and_malformed_ones_are_400()
    {
        var page = await Api.GetAsync($"{JobsPath}?limit=1");

        var token = page.Json["metadata"]!["continue"]!.GetValue<string>();
        token.Should().NotContain("=").And.NotContain("+").And.NotContain("/");
        var decoded = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token.PadRight(token.Length + ((4 - (token.Length % 4)) % 4), '=').Replace('-', '+').Replace('_', '/'))))!;
        decoded["v"]!.GetValue<string>().Should().Be("meta.k8s.io/v1");
        decoded["rv"]!.GetValue<long>().Should().Be(long.Parse(page.Json["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        decoded["start"]!.GetValue<string>().Should().Be(Names(page.Json).Single() + "\u0000");
        page.Json["metadata"]!["remainingItemCount"]!.GetValue<long>().Should().BeGreaterThan(0);

        var malformed = await Api.GetAsync($"{JobsPath}?limit=1&continue=not-a-token");
        malformed.Status.Should().Be(HttpStatusCode.BadRequest);
        malformed.Json["reason"]!.GetValue<string>().Should().Be("BadRequest");
    }

    [Test]
    public async Task Expired_continue_matches_the_sample_shape()
    {
        var page = await Api.GetAsync($"{JobsPath}?limit=1");
        Server.Faults.ExpireContinueTokens = true;

        var expired = await Api.GetAsync($"{JobsPath}?limit=1&continue={page.Json["metadata"]!["continue"]}");

        expired.Status.Should().Be(HttpStatusCode.Gone);
        var sample = Contracts.Sample("status-410-expired-continue.json");
        expired.Json["message"]!.GetValue<string>().Should().Be(sample["message"]!.GetValue<string>());
        Keys(expired.Json).Should().Equal(Keys(sample));
        var fresh = expired.Json["metadata"]!["continue"]!.GetValue<string>();
        Encoding.UTF8.GetString(Convert.FromBase64String(fresh.PadRight(fresh.Length + ((4 - (fresh.Length % 4)) % 4), '=').Replace('-', '+').Replace('_', '/')))
            .Should().Contain("\"rv\":-1");
    }

    [Test]
    public async Task Pod_watch_streams_added_modified_and_deleted_events_with_type_meta()
    {
        Server.Scenarios.For("watch-pods", JobScenario.Hold);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var stream = await Api.OpenStreamAsync($"/api/v1/namespaces/{Ns}/pods?watch=true&labelSelector=job-name%3Dwatch-pods&timeoutSeconds=15", cts.Token);
        using var reader = new StreamReader(stream);
        Server.Store.PutJob(Ns, TestJobs.Job("watch-pods", "true"));
        var types = new List<string>();

        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            var evt = JsonNode.Parse(line)!;
            evt["object"]!["kind"]!.GetValue<string>().Should().Be("Pod");
            evt["object"]!["apiVersion"]!.GetValue<string>().Should().Be("v1");
            var type = evt["type"]!.GetValue<string>();
            types.Add(type);
            if ((string?)evt["object"]!["status"]!["phase"] == "Running" && !types.Contains("deleting"))
            {
                types.Add("deleting");
                (await Api.DeleteAsync($"{JobsPath}/watch-pods?propagationPolicy=Background")).Status.Should().Be(HttpStatusCode.OK);
            }

            if (type == "DELETED")
            {
                break;
            }
        }

        types[0].Should().Be("ADDED");
        types.Should().Contain("MODIFIED").And.Contain("DELETED");
    }

    [Test]
    public async Task A_watch_from_a_compacted_version_gets_an_expired_error_event()
    {
        await using var stream = await Api.OpenStreamAsync($"{JobsPath}?watch=1&resourceVersion=1");
        using var reader = new StreamReader(stream);

        var evt = JsonNode.Parse((await reader.ReadLineAsync())!)!;

        evt["type"]!.GetValue<string>().Should().Be("ERROR");
        evt["object"]!["code"]!.GetValue<int>().Should().Be(410);
        evt["object"]!["reason"]!.GetValue<string>().Should().Be("Expired");
        evt["object"]!["message"]!.GetValue<string>().Should().MatchRegex(@"^too old resource version: 1 \(\d+\)$");
        (await reader.ReadLineAsync()).Should().BeNull();
    }

    [Test]
    public async Task A_streaming_list_watch_ends_its_initial_events_with_a_bookmark()
    {
        await using var stream = await Api.OpenStreamAsync($"{JobsPath}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&labelSelector=team&timeoutSeconds=1");
        using var reader = new StreamReader(stream);
        var events = new List<JsonNode>();
        while (await reader.ReadLineAsync() is { } line)
        {
            events.Add(JsonNode.Parse(line)!);
        }

        events.Select(e => (string)e["type"]!).Should().Equal("ADDED", "ADDED", "BOOKMARK");
        events[2]["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>().Should().Be("true");
    }

    [Test]
    public async Task A_watch_from_a_list_version_replays_later_changes_only()
    {
        var list = await Api.GetAsync($"/api/v1/namespaces/{Ns}/configmaps");
        var rv = list.Json["metadata"]!["resourceVersion"]!.GetValue<string>();
        Server.Store.PutConfigMap(Ns, "after-list", new Dictionary<string, string> { ["k"] = "v" });

        await using var stream = await Api.OpenStreamAsync($"/api/v1/namespaces/{Ns}/configmaps?watch=true&resourceVersion={rv}&timeoutSeconds=1");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            lines.Add(line);
        }

        lines.Should().ContainSingle();
        JsonNode.Parse(lines[0])!["object"]!["metadata"]!["name"]!.GetValue<string>().Should().Be("after-list");
    }

    [Test]
    public async Task Log_options_tail_timestamps_since_and_limit()
    {
        Server.Scenarios.For("chatty", JobScenario.Exit(0, "l1\nl2\nl3\n"));
        Server.Store.PutJob(Ns, TestJobs.Job("chatty", "true"));
        var done = await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "chatty"), TestJobs.IsComplete, "chatty complete");
        var pod = PodsOf("chatty").Single()["metadata"]!["name"]!.GetValue<string>();
        var path = $"/api/v1/namespaces/{Ns}/pods/{pod}/log";

        (await Api.GetAsync(path + "?tailLines=2")).Body.Should().Be("l2\nl3\n");
        (await Api.GetAsync(path + "?limitBytes=4")).Body.Should().Be("l1\nl");
        (await Api.GetAsync(path + "?sinceSeconds=3600")).Body.Should().Be("l1\nl2\nl3\n");
        (await Api.GetAsync(path + "?sinceTime=2999-01-01T00:00:00Z")).Body.Should().BeEmpty();
        var stamped = (await Api.GetAsync(path + "?timestamps=true")).Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        stamped.Should().HaveCount(3);
        stamped.Should().OnlyContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z l\d$"));
        var previous = await Api.GetAsync(path + "?previous=true");
        previous.Status.Should().Be(HttpStatusCode.BadRequest);
        previous.Json["message"]!.GetValue<string>().Should().Be($"previous terminated container \"main\" in pod \"{pod}\" not found");
        done!["status"]!["succeeded"]!.GetValue<int>().Should().Be(1);
    }

    [Test]
    public async Task Multi_container_pods_need_a_container_name_for_logs()
    {
        var job = TestJobs.Job("two-containers", "echo main");
        job["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Add(new JsonObject
        {
            ["name"] = "sidecar",
            ["image"] = "registry.example.test/tools/shell:1.0",
            ["command"] = new JsonArray("/bin/sh", "-c", "echo side"),
        });
        Server.Store.PutJob(Ns, job);
        await Poll.UntilAsync(() => Server.Store.GetJob(Ns, "two-containers"), TestJobs.IsComplete, "two-containers complete");
        var pod = PodsOf("two-containers").Single()["metadata"]!["name"]!.GetValue<string>();

        var ambiguous = await Api.GetAsync($"/api/v1/namespaces/{Ns}/pods/{pod}/log");
        var sidecar = await Api.GetAsync($"/api/v1/namespaces/{Ns}/pods/{pod}/log?container=sidecar");

        ambiguous.Status.Should().Be(HttpStatusCode.BadRequest);
        ambiguous.Json["message"]!.GetValue<string>().Should().Be($"a container name must be specified for pod {pod}, choose one of: [main sidecar]");
        sidecar.Body.Should().Be("side\n");
    }

    [Test]
    public async Task A_dropped_log_stream_ends_after_the_given_bytes()
    {
        Server.Scenarios.For("dropped", JobScenario.Hold);
        Server.Store.PutJob(Ns, TestJobs.Job("dropped", "true"));
        var pod = await Poll.UntilAsync(() => PodsOf("dropped").FirstOrDefault(p => (string?)p["status"]!["phase"] == "Running"), p => p is not null, "dropped running");
        var name = pod!["metadata"]!["name"]!.GetValue<string>();
        Server.SetPodLog(Ns, name, "main", "0123456789\nabcdefghij\n");
        Server.Faults.Next(1, Fault.DropLogStream(5));

        await using var stream = await Api.OpenStreamAsync($"/api/v1/namespaces/{Ns}/pods/{name}/log?follow=true");
        var buffer = new MemoryStream();
        var act = async () => await stream.CopyToAsync(buffer);

        await act.Should().ThrowAsync<IOException>();
        Encoding.UTF8.GetString(buffer.ToArray()).Should().Be("01234");
        Server.Scenarios.Release("dropped");
    }

    [Test]
    public async Task Deleting_a_job_without_propagation_policy_orphans_its_pods()
    {
        Server.Scenarios.For("orphaned", JobScenario.Hold);
        Server.Store.PutJob(Ns, TestJobs.Job("orphaned", "true"));
        await Poll.UntilAsync(() => PodsOf("orphaned").Count(p => (string?)p["status"]!["phase"] == "Running"), n => n == 1, "orphaned pod running");

        var delete = await Api.DeleteAsync($"{JobsPath}/orphaned");

        delete.Status.Should().Be(HttpStatusCode.OK);
        Keys(delete.Json).Should().Equal(Keys(Contracts.Sample("status-200-delete-success.json")));
        var pod = await Poll.UntilAsync(() => PodsOf("orphaned").Single(), p => p["metadata"]!["ownerReferences"] is null && p["metadata"]!["finalizers"] is null, "pod orphaned");
        pod["status"]!["phase"]!.GetValue<string>().Should().Be("Running");
        Server.Scenarios.Release("orphaned");
    }

    [Test]
    public async Task Delete_options_in_the_body_are_honoured()
    {
        Server.Scenarios.For("body-delete", JobScenario.Hold);
        Server.Store.PutJob(Ns, TestJobs.Job("body-delete", "true"));
        await Poll.UntilAsync(() => PodsOf("body-delete").Count, n => n == 1, "body-delete pod");

        var delete = await Api.DeleteAsync($"{JobsPath}/body-delete",
            new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1", ["propagationPolicy"] = "Foreground" });

        delete.Status.Should().Be(HttpStatusCode.OK);
        await Poll.UntilAsync(() => PodsOf("body-delete").Count, n => n == 0, "body-delete pods gone");
    }

    [Test]
    public async Task The_cluster_reader_lists_everywhere_and_writes_configmaps_only()
    {
        using var reader = new ApiClient(Server, Server.AddClusterReader("queue-publisher"));

        var jobs = await reader.GetAsync("/apis/batch/v1/jobs");
        var pods = await reader.GetAsync("/api/v1/pods");
        var cm = await reader.PostAsync("/api/v1/namespaces/default/configmaps",
            new JsonObject { ["metadata"] = new JsonObject { ["name"] = "queue" }, ["data"] = new JsonObject { ["q"] = "[]" } });
        var createJob = await reader.PostAsync(JobsPath, TestJobs.Job("not-allowed", "true"));
        var allJobsAsUser = await Api.GetAsync("/apis/batch/v1/jobs");

        jobs.Status.Should().Be(HttpStatusCode.OK);
        Names(jobs.Json).Should().Contain("sel-a");
        pods.Json["kind"]!.GetValue<string>().Should().Be("PodList");
        cm.Status.Should().Be(HttpStatusCode.Created);
        createJob.Status.Should().Be(HttpStatusCode.Forbidden);
        allJobsAsUser.Json["message"]!.GetValue<string>().Should().Be(
            "jobs.batch is forbidden: User \"dave\" cannot list resource \"jobs\" in API group \"batch\" at the cluster scope");
        Server.Requests.Should().Contain(r => r.User == "queue-publisher" && r.Path == "/apis/batch/v1/jobs" && r.StatusCode == 200);
    }

    [Test]
    public async Task Namespaces_can_be_read_and_http11_works_too()
    {
        var ns = await Api.GetAsync($"/api/v1/namespaces/{Ns}");
        var other = await Api.GetAsync("/api/v1/namespaces/default");
        using var http11 = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } })
        {
            BaseAddress = Server.BaseUri,
        };
        var version = await http11.GetAsync("version");

        ns.Json["status"]!["phase"]!.GetValue<string>().Should().Be("Active");
        other.Status.Should().Be(HttpStatusCode.Forbidden);
        version.Version.Should().Be(HttpVersion.Version11);
        JsonNode.Parse(await version.Content.ReadAsStringAsync())!["gitVersion"]!.GetValue<string>().Should().StartWith("v1.32");
    }

    private List<JsonObject> PodsOf(string job) =>
        Server.Store.Pods(Ns).Where(p => (string?)p["metadata"]!["labels"]?["job-name"] == job).ToList();

    private static List<string> Names(JsonObject list) =>
        list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ToList();

    private static List<string> Keys(JsonNode node) => node.AsObject().Select(kv => kv.Key).ToList();
}
