using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Testing.Tests.Kubernetes;

/// <summary>
/// kubectl features that lean on server behaviour beyond CRUD: server-side tables with whole objects (--sort-by),
/// the events table and `kubectl events`, auth can-i / whoami, events.k8s.io, and upstream's refusals (immutable
/// Job fields, server-side-apply conflicts) and foreground deletion staging.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class KubectlUpstreamRulesTests
{
    private KubernetesApiServer _server = null!;
    private KubectlRunner _kubectl = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await KubernetesApiServer.StartAsync();
        _kubectl = new KubectlRunner(_server, _server.AddUser("alice", "team-a"), "team-a");
        _server.AddUser("bob", "team-b");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _kubectl.Dispose();
        var errors = _server.BackgroundErrors;
        await _server.DisposeAsync();
        errors.Should().BeEmpty();
    }

    [Test]
    public async Task Get_jobs_sorted_by_start_time_uses_the_objects_in_the_table()
    {
        _server.Store.PutJob("team-a", Started(TestJobs.Job("sort-late", "true"), "2026-12-05T08:30:00Z"), managed: false);
        _server.Store.PutJob("team-a", Started(TestJobs.Job("sort-early", "true"), "2026-12-05T08:10:00Z"), managed: false);

        var result = await _kubectl.RunAsync("get", "jobs", "--sort-by=.status.startTime", "-o", "custom-columns=NAME:.metadata.name,START:.status.startTime");

        result.ExitCode.Should().Be(0, result.ToString());
        var names = result.Stdout.Split('\n').Where(l => l.StartsWith("sort-", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]);
        names.Should().Equal("sort-early", "sort-late");
        var table = await _kubectl.RunAsync("get", "jobs", "--sort-by=.status.startTime");
        table.ExitCode.Should().Be(0, table.ToString());
        table.Stdout.Should().MatchRegex(@"NAME +STATUS +COMPLETIONS +DURATION +AGE\n(.*\n)*sort-early .*\n(.*\n)*sort-late ");
    }

    [Test]
    public async Task Events_table_has_its_usual_columns_sorts_by_last_timestamp_and_kubectl_events_selects_by_object()
    {
        _server.Store.PutJob("team-a", TestJobs.Job("evented", "true"), managed: false);
        _server.Store.PutEvent("team-a", Event("evented.b", "evented", "Second", "2026-12-05T08:20:00Z"));
        _server.Store.PutEvent("team-a", Event("evented.a", "evented", "First", "2026-12-05T08:10:00Z"));
        _server.Store.PutEvent("team-a", Event("other.a", "other", "Unrelated", "2026-12-05T08:15:00Z"));

        var sorted = await _kubectl.RunAsync("get", "events", "--sort-by=.lastTimestamp");
        var forJob = await _kubectl.RunAsync("events", "--for", "job/evented");

        sorted.ExitCode.Should().Be(0, sorted.ToString());
        sorted.Stdout.Should().MatchRegex(@"^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE\n(.*\n)*\S+ +Normal +First +job/evented +First happened\n(.*\n)*\S+ +Normal +Unrelated +job/other +Unrelated happened\n(.*\n)*\S+ +Normal +Second +job/evented +Second happened\n");
        forJob.ExitCode.Should().Be(0, forJob.ToString());
        forJob.Stdout.Should().Contain("First").And.Contain("Second").And.NotContain("Unrelated");
        _server.Requests.Should().Contain(r => r.Path == "/api/v1/namespaces/team-a/events" && r.Query.Contains("involvedObject.apiVersion", StringComparison.Ordinal));
    }

    [Test]
    public async Task Events_k8s_io_serves_the_same_events_in_its_own_shape()
    {
        _server.Store.PutEvent("team-a", Event("shape.a", "shape", "Shaped", "2026-12-05T08:10:00Z"));

        var result = await _kubectl.RunAsync("get", "events.v1.events.k8s.io", "--field-selector", "regarding.name=shape", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var item = JsonNode.Parse(result.Stdout)!["items"]!.AsArray().Single()!;
        item["apiVersion"]!.GetValue<string>().Should().Be("events.k8s.io/v1");
        item["regarding"]!["name"]!.GetValue<string>().Should().Be("shape");
        item["note"]!.GetValue<string>().Should().Be("Shaped happened");
        item["deprecatedLastTimestamp"]!.GetValue<string>().Should().Be("2026-12-05T08:10:00Z");
    }

    [Test]
    public async Task Auth_can_i_and_whoami_answer_for_the_kubeconfig_user()
    {
        var allowed = await _kubectl.RunAsync("auth", "can-i", "create", "jobs");
        var denied = await _kubectl.RunAsync("auth", "can-i", "list", "jobs", "-n", "team-b");
        var whoami = await _kubectl.RunAsync("auth", "whoami");

        allowed.Stdout.Should().Be("yes\n", allowed.ToString());
        allowed.ExitCode.Should().Be(0);
        denied.Stdout.Should().Be("no\n", denied.ToString());
        denied.ExitCode.Should().Be(1);
        whoami.ExitCode.Should().Be(0, whoami.ToString());
        whoami.Stdout.Should().MatchRegex(@"ATTRIBUTE +VALUE\nUsername +alice\nGroups +\[system:authenticated\]\n");
    }

    [Test]
    public async Task Immutable_job_fields_are_refused_like_upstream()
    {
        _server.Store.PutJob("team-a", TestJobs.Job("fixed", "true"), managed: false);

        var completions = await _kubectl.RunAsync("patch", "job", "fixed", "--type=merge", "-p", """{"spec":{"completions":5}}""");
        var template = await _kubectl.RunAsync("patch", "job", "fixed", "--type=json", "-p", """[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"other:2"}]""");
        var mutable = await _kubectl.RunAsync("patch", "job", "fixed", "--type=merge", "-p", """{"spec":{"backoffLimit":2}}""");

        completions.ExitCode.Should().Be(1);
        completions.Stderr.Should().Be("The Job \"fixed\" is invalid: spec.completions: Invalid value: 5: field is immutable\n");
        template.ExitCode.Should().Be(1);
        template.Stderr.Should().Contain("spec.template: Invalid value: core.PodTemplateSpec{").And.EndWith(": field is immutable\n");
        mutable.ExitCode.Should().Be(0, mutable.ToString());
        _server.Store.GetJob("team-a", "fixed")!["spec"]!["completions"]!.GetValue<int>().Should().Be(1);
    }

    [Test]
    public async Task Server_side_apply_by_another_manager_conflicts_until_forced()
    {
        var file = Path.Combine(_kubectl.HomeDirectory, "owned.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: owned\ndata:\n  key: one\n  other: same\n");
        var first = await _kubectl.RunAsync("apply", "--server-side", "--field-manager=alpha", "-f", file);
        await File.WriteAllTextAsync(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: owned\ndata:\n  key: two\n  other: same\n");

        var conflict = await _kubectl.RunAsync("apply", "--server-side", "--field-manager=beta", "-f", file);
        var forced = await _kubectl.RunAsync("apply", "--server-side", "--field-manager=beta", "--force-conflicts", "-f", file);
        var edited = await _kubectl.RunAsync("patch", "configmap", "owned", "--type=merge", "-p", """{"data":{"key":"three"}}""");
        var afterEdit = await _kubectl.RunAsync("apply", "--server-side", "--field-manager=beta", "-f", file);

        first.ExitCode.Should().Be(0, first.ToString());
        conflict.ExitCode.Should().Be(1);
        conflict.Stderr.Should().StartWith("error: Apply failed with 1 conflict: conflict with \"alpha\": .data.key\n");
        forced.ExitCode.Should().Be(0, forced.ToString());
        edited.ExitCode.Should().Be(0, edited.ToString());
        afterEdit.ExitCode.Should().Be(1);
        afterEdit.Stderr.Should().StartWith("error: Apply failed with 1 conflict: conflict with \"kubectl-patch\" using v1: .data.key\n");
        _server.Store.GetConfigMap("team-a", "owned")!["data"]!["key"]!.GetValue<string>().Should().Be("three");
    }

    [Test]
    public async Task Foreground_deletion_keeps_the_job_until_its_pods_are_gone()
    {
        var job = _server.Store.PutJob("team-a", TestJobs.Job("fg", "true"), managed: false);
        _server.Store.PutPod("team-a", new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = "fg-abcde",
                ["labels"] = new JsonObject { ["batch.kubernetes.io/job-name"] = "fg" },
                ["finalizers"] = new JsonArray("example.test/hold"),
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "batch/v1", ["kind"] = "Job", ["name"] = "fg", ["uid"] = job["metadata"]!["uid"]!.GetValue<string>(),
                    ["controller"] = true, ["blockOwnerDeletion"] = true,
                }),
            },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "busybox" }) },
        });

        var delete = await _kubectl.RunAsync("delete", "job", "fg", "--cascade=foreground", "--wait=false");
        var staged = await Poll.UntilAsync(() => _server.Store.GetPod("team-a", "fg-abcde"), p => p?["metadata"]?["deletionTimestamp"] is not null, "the pod to be deleted by the garbage collector");
        var during = await _kubectl.RunAsync("get", "job", "fg", "-o", "json");
        var release = await _kubectl.RunAsync("patch", "pod", "fg-abcde", "--type=merge", "-p", """{"metadata":{"finalizers":null}}""");

        delete.ExitCode.Should().Be(0, delete.ToString());
        staged.Should().NotBeNull();
        during.ExitCode.Should().Be(0, during.ToString());
        var meta = JsonNode.Parse(during.Stdout)!["metadata"]!;
        meta["deletionTimestamp"].Should().NotBeNull();
        meta["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Contain("foregroundDeletion");
        release.ExitCode.Should().Be(0, release.ToString());
        await Poll.UntilAsync(() => _server.Store.GetJob("team-a", "fg"), j => j is null, "the job to go once its pod is gone");
    }

    private static JsonObject Started(JsonObject job, string startTime)
    {
        job["status"] = new JsonObject { ["startTime"] = startTime };
        return job;
    }

    private static JsonObject Event(string name, string jobName, string reason, string lastTimestamp) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name },
        ["involvedObject"] = new JsonObject { ["kind"] = "Job", ["name"] = jobName, ["namespace"] = "team-a", ["apiVersion"] = "batch/v1" },
        ["reason"] = reason,
        ["message"] = $"{reason} happened",
        ["source"] = new JsonObject { ["component"] = "job-controller" },
        ["firstTimestamp"] = lastTimestamp,
        ["lastTimestamp"] = lastTimestamp,
        ["count"] = 1,
        ["type"] = "Normal",
    };
}
