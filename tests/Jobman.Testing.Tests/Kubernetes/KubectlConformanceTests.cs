using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;
using Jobman.Testing.Prerequisites;

namespace Jobman.Testing.Tests.Kubernetes;

[TestFixture]
[Parallelizable(ParallelScope.None)]
[RequiresKubectl]
public sealed class KubectlConformanceTests
{
    private KubernetesApiServer _server = null!;
    private KubectlRunner _kubectl = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await KubernetesApiServer.StartAsync();
        var token = _server.AddUser("alice", "team-a");
        _kubectl = new KubectlRunner(_server, token, "team-a");
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
    public async Task Get_jobs_as_json_lists_seeded_jobs()
    {
        _server.Store.PutJob("team-a", TestJobs.Job("seeded-one", "echo hi"), managed: false);

        var result = await _kubectl.RunAsync("get", "jobs", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var list = JsonNode.Parse(result.Stdout)!;
        list["kind"]!.GetValue<string>().Should().Be("List");
        list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).Should().Contain("seeded-one");
    }

    [Test]
    public async Task Create_from_yaml_runs_the_job_and_logs_show_its_output()
    {
        const string yaml = """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: hello-yaml
            spec:
              backoffLimit: 0
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - name: main
                    image: registry.example.test/tools/shell:1.0
                    command: ["/bin/sh", "-c"]
                    args: ["echo hello from $GREETING; echo second line"]
                    env:
                    - name: GREETING
                      value: the double
            """;
        var file = Path.Combine(_kubectl.HomeDirectory, "job.yaml");
        await File.WriteAllTextAsync(file, yaml);

        var create = await _kubectl.RunAsync("create", "-f", file);
        create.ExitCode.Should().Be(0, create.ToString());
        create.Stdout.Should().Contain("job.batch/hello-yaml created");

        await Poll.UntilAsync(() => _server.Store.GetJob("team-a", "hello-yaml"), j => TestJobs.IsComplete(j), "hello-yaml to complete");
        var pods = await _kubectl.RunAsync("get", "pods", "-l", "batch.kubernetes.io/job-name=hello-yaml", "-o", "json");
        pods.ExitCode.Should().Be(0, pods.ToString());
        var items = JsonNode.Parse(pods.Stdout)!["items"]!.AsArray();
        items.Should().HaveCount(1);
        items[0]!["metadata"]!["name"]!.GetValue<string>().Should().MatchRegex("^hello-yaml-[bcdfghjklmnpqrstvwxz2456789]{5}$");
        items[0]!["status"]!["phase"]!.GetValue<string>().Should().Be("Succeeded");

        var logs = await _kubectl.RunAsync("logs", "job/hello-yaml");
        logs.ExitCode.Should().Be(0, logs.ToString());
        logs.Stdout.Should().Be("hello from the double\nsecond line\n");
    }

    [Test]
    public async Task Logs_follow_streams_until_the_container_exits()
    {
        _server.Scenarios.For("follow-me", JobScenario.RunCommand);
        _server.Store.PutJob("team-a", TestJobs.Job("follow-me", "echo one; sleep 0.5; echo two"));
        var pod = await Poll.UntilAsync(
            () => _server.Store.Pods("team-a").FirstOrDefault(p => (string?)p["metadata"]!["labels"]!["job-name"] == "follow-me"
                && (string?)p["status"]!["phase"] == "Running"),
            p => p is not null, "follow-me pod running");

        var logs = await _kubectl.RunAsync("logs", "-f", (string)pod!["metadata"]!["name"]!);

        logs.ExitCode.Should().Be(0, logs.ToString());
        logs.Stdout.Should().Be("one\ntwo\n");
    }

    [Test]
    public async Task Delete_job_uses_background_propagation_and_removes_the_pods()
    {
        _server.Scenarios.For("to-delete", JobScenario.Hold);
        _server.Store.PutJob("team-a", TestJobs.Job("to-delete", "true"));
        await Poll.UntilAsync(() => PodsOf("to-delete").Count, n => n == 1, "to-delete pod");
        _server.ClearRequests();

        var delete = await _kubectl.RunAsync("delete", "job", "to-delete");

        delete.ExitCode.Should().Be(0, delete.ToString());
        delete.Stdout.Should().Contain("job.batch \"to-delete\" deleted");
        var call = _server.Requests.Single(r => r.Method == "DELETE");
        call.Path.Should().Be("/apis/batch/v1/namespaces/team-a/jobs/to-delete");
        await Poll.UntilAsync(() => PodsOf("to-delete").Count, n => n == 0, "to-delete pods gone");
        _server.Store.GetJob("team-a", "to-delete").Should().BeNull();
    }

    [Test]
    public async Task Other_namespaces_are_forbidden()
    {
        _server.Store.CreateNamespace("other");

        var result = await _kubectl.RunAsync("get", "jobs", "-n", "other");

        result.ExitCode.Should().NotBe(0);
        result.Stderr.Should().Contain(
            "Error from server (Forbidden): jobs.batch is forbidden: User \"alice\" cannot list resource \"jobs\" in API group \"batch\" in the namespace \"other\"");
    }

    [Test]
    public async Task An_unknown_token_is_unauthorized()
    {
        // A kubeconfig user with no credentials at all makes kubectl prompt for a username on stdin instead of
        // calling the server, so the "no valid token" case is exercised with a token the server never issued.
        using var anonymous = new KubectlRunner(_server, "never-issued-token", "team-a");

        var result = await anonymous.RunAsync("get", "jobs");

        result.ExitCode.Should().NotBe(0);
        // kubectl 1.32 fails in discovery and words the 401 this way (as against a real cluster).
        result.Stderr.Should().Contain("error: You must be logged in to the server (the server has asked for the client to provide credentials)");
        _server.Requests.Should().Contain(r => r.StatusCode == 401 && r.User == null);
    }

    [Test]
    public async Task Kubectl_retries_after_a_429_with_retry_after()
    {
        _server.Faults.Next(1, Fault.TooManyRequests(1), pathContains: "/namespaces/team-a/jobs");
        _server.ClearRequests();

        var result = await _kubectl.RunAsync("get", "jobs", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        _server.Requests.Where(r => r.Path == "/apis/batch/v1/namespaces/team-a/jobs").Select(r => r.StatusCode).Should().Equal(429, 200);
    }

    [Test]
    public async Task Chunked_listing_follows_continue_tokens()
    {
        _server.Store.CreateNamespace("paged");
        var token = _server.AddUser("pager", "paged");
        using var kubectl = new KubectlRunner(_server, token, "paged");
        foreach (var name in new[] { "page-a", "page-b", "page-c" })
        {
            _server.Store.PutJob("paged", TestJobs.Job(name, "true"), managed: false);
        }

        _server.ClearRequests();
        var result = await kubectl.RunAsync("get", "jobs", "--chunk-size=1", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        JsonNode.Parse(result.Stdout)!["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!)
            .Should().Equal("page-a", "page-b", "page-c");
        var lists = _server.Requests.Where(r => r.Method == "GET" && r.Path == "/apis/batch/v1/namespaces/paged/jobs").ToList();
        lists.Should().HaveCount(3);
        lists.Skip(1).Should().OnlyContain(r => r.Query.Contains("continue="));
    }

    [Test]
    public async Task Imperative_create_job_sends_protobuf_and_runs()
    {
        var create = await _kubectl.RunAsync("create", "job", "imperative", "--image=registry.example.test/tools/busybox:1.36",
            "--", "/bin/sh", "-c", "echo made by kubectl");
        var wait = await _kubectl.RunAsync("wait", "--for=condition=complete", "job/imperative", "--timeout=20s");
        var logs = await _kubectl.RunAsync("logs", "job/imperative");

        create.Stdout.Should().Be("job.batch/imperative created\n", create.ToString());
        wait.ExitCode.Should().Be(0, wait.ToString());
        wait.Stdout.Should().Be("job.batch/imperative condition met\n");
        logs.Stdout.Should().Be("made by kubectl\n");
        var job = _server.Store.GetJob("team-a", "imperative")!;
        var container = job["spec"]!["template"]!["spec"]!["containers"]![0]!;
        container["name"]!.GetValue<string>().Should().Be("imperative");
        container["image"]!.GetValue<string>().Should().Be("registry.example.test/tools/busybox:1.36");
        job["spec"]!["template"]!["spec"]!["restartPolicy"]!.GetValue<string>().Should().Be("Never");
    }

    [Test]
    public async Task Imperative_create_configmap_sends_protobuf_and_is_stored()
    {
        var create = await _kubectl.RunAsync("create", "configmap", "literal", "--from-literal=queue=[]", "--from-literal=updated=now");

        create.Stdout.Should().Be("configmap/literal created\n", create.ToString());
        var data = _server.Store.GetConfigMap("team-a", "literal")!["data"]!.AsObject();
        data.Select(kv => $"{kv.Key}={kv.Value}").Should().BeEquivalentTo("queue=[]", "updated=now");
    }

    [Test]
    public async Task Generated_job_created_from_stdin()
    {
        var generated = await _kubectl.RunAsync("create", "job", "from-stdin", "--image=registry.example.test/tools/busybox:1.36",
            "--dry-run=client", "-o", "json", "--", "/bin/sh", "-c", "echo via json");
        var create = await _kubectl.RunWithInputAsync(generated.Stdout, "create", "-f", "-");

        create.Stdout.Should().Be("job.batch/from-stdin created\n", create.ToString());
        await Poll.UntilAsync(() => _server.Store.GetJob("team-a", "from-stdin"), TestJobs.IsComplete, "from-stdin complete");
    }

    [Test]
    public async Task Get_without_output_format_prints_the_server_side_table()
    {
        _server.Store.PutJob("team-a", TestJobs.Job("table-job", "echo hi"));
        await Poll.UntilAsync(() => _server.Store.GetJob("team-a", "table-job"), TestJobs.IsComplete, "table-job complete");

        var jobs = await _kubectl.RunAsync("get", "job", "table-job");
        var pods = await _kubectl.RunAsync("get", "pods", "-l", "job-name=table-job");

        jobs.ExitCode.Should().Be(0, jobs.ToString());
        jobs.Stdout.Should().MatchRegex(@"^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\ntable-job\s+Complete\s+1/1\s+\d+s\s+\d+s\n$");
        pods.Stdout.Should().MatchRegex(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\ntable-job-[a-z0-9]{5}\s+0/1\s+Completed\s+0\s+\d+s\n$");
    }

    [Test]
    public async Task Describe_job_reads_the_job_its_pods_and_events()
    {
        _server.Store.PutJob("team-a", TestJobs.Job("described", "echo hi"));
        await Poll.UntilAsync(() => _server.Store.GetJob("team-a", "described"), TestJobs.IsComplete, "described complete");

        var describe = await _kubectl.RunAsync("describe", "job", "described");

        describe.ExitCode.Should().Be(0, describe.ToString());
        describe.Stdout.Should().Contain("Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed");
        describe.Stdout.Should().MatchRegex(@"Normal\s+SuccessfulCreate\s+\S+\s+job-controller\s+Created pod: described-[a-z0-9]{5}\n");
        describe.Stdout.Should().MatchRegex(@"Normal\s+Completed\s+\S+\s+job-controller\s+Job completed\n");
    }

    [Test]
    public async Task The_queue_publisher_flow_works_with_a_cluster_reader()
    {
        // The historical queue CronJob: list all jobs, then `kubectl apply` a ConfigMap in default (create, then patch).
        _server.Store.PutJob("team-a", TestJobs.Job("queued", "true"), managed: false);
        using var publisher = new KubectlRunner(_server, _server.AddClusterReader("system:serviceaccount:default:jobman-queue-position"), "default");
        var manifest = Path.Combine(publisher.HomeDirectory, "queue.yaml");

        var all = await publisher.RunAsync("get", "jobs", "--all-namespaces", "-o", "json");
        await File.WriteAllTextAsync(manifest, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: jobman-queue\ndata:\n  queue: '[]'\n");
        var created = await publisher.RunAsync("apply", "-f", manifest);
        await File.WriteAllTextAsync(manifest, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: jobman-queue\ndata:\n  queue: '[1]'\n");
        var configured = await publisher.RunAsync("apply", "-f", manifest);

        all.ExitCode.Should().Be(0, all.ToString());
        JsonNode.Parse(all.Stdout)!["items"]!.AsArray().Select(i => (string)i!["metadata"]!["namespace"]! + "/" + (string)i["metadata"]!["name"]!)
            .Should().Contain("team-a/queued");
        created.Stdout.Should().Be("configmap/jobman-queue created\n", created.ToString());
        configured.Stdout.Should().Be("configmap/jobman-queue configured\n", configured.ToString());
        _server.Store.GetConfigMap("default", "jobman-queue")!["data"]!["queue"]!.GetValue<string>().Should().Be("[1]");

        await File.WriteAllTextAsync(manifest, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: jobman-queue-ssa\ndata:\n  queue: '[2]'\n");
        var serverSide = await publisher.RunAsync("apply", "--server-side", "-f", manifest);
        serverSide.Stdout.Should().Be("configmap/jobman-queue-ssa serverside-applied\n", serverSide.ToString());
        _server.Store.GetConfigMap("default", "jobman-queue-ssa")!["data"]!["queue"]!.GetValue<string>().Should().Be("[2]");
    }

    [Test]
    public async Task Get_watch_prints_table_rows_as_the_job_progresses()
    {
        _server.Scenarios.For("watched-table", JobScenario.Hold);
        _server.Store.PutJob("team-a", TestJobs.Job("watched-table", "true"));
        await Poll.UntilAsync(() => _server.Store.GetJob("team-a", "watched-table"), j => (int?)j?["status"]?["ready"] == 1, "watched-table ready");

        var watching = _kubectl.RunAsync("get", "jobs", "watched-table", "-w", "--request-timeout=3s");
        await Poll.UntilAsync(() => _server.OpenStreamCount, n => n == 1, "kubectl watching");
        _server.Scenarios.Release("watched-table");
        var result = await watching;

        result.ExitCode.Should().Be(0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().MatchRegex(@"^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$");
        lines.Count(l => l.StartsWith("NAME", StringComparison.Ordinal)).Should().Be(1, "the header is printed once");
        lines[1].Should().MatchRegex(@"^watched-table\s+Running\s+0/1\s");
        lines[^1].Should().MatchRegex(@"^watched-table\s+Complete\s+1/1\s");
    }

    private List<JsonObject> PodsOf(string job) =>
        _server.Store.Pods("team-a").Where(p => (string?)p["metadata"]!["labels"]?["job-name"] == job).ToList();
}
