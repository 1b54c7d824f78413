using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Plugins.KubernetesJobs.Tests.Cluster;

public class SubmitTests : ClusterTest
{
    [Test]
    public async Task Submit_runs_the_command_and_logs_show_its_output()
    {
        var submit = await Run("submit", "-i", "busybox", "-r", "no-gpu", "-j", "hello", "--", "echo", "hello");
        submit.ExitCode.Should().Be(0, submit.ToString());
        submit.Stdout.Should().Be("job 'hello' created in namespace 'team-a'\n");
        submit.Stderr.Should().Contain("jobman logs -j hello -f");

        var wait = await Run("wait", "-j", "hello", "--timeout", "30s");
        wait.ExitCode.Should().Be(0, wait.ToString());
        wait.Stdout.Should().Be("job 'hello' succeeded\n");

        var logs = await Run("logs", "-j", "hello");
        logs.ExitCode.Should().Be(0, logs.ToString());
        logs.Stdout.Should().Be("hello\n");
    }

    [Test]
    public async Task Submit_sends_a_complete_labelled_job_built_from_options_and_settings()
    {
        Cluster.Store.PutConfigMap(Ns, "user-config", new Dictionary<string, string> { ["ceph.gid"] = "4242" });
        var runner = Runner("""
            {
              "job": {
                "priorityClassName": "batch-low",
                "userConfigmap": "user-config",
                "imagePrefix": "registry.example.test/lib/",
                "annotations": [
                  { "key": "example.test/owner", "value": "alice", "valueType": "string" },
                  { "key": "example.test/datasets", "value": "DATASETS_LIST", "valueType": "env" }
                ]
              }
            }
            """);
        runner.Environment["DATASETS_LIST"] = "ds1,ds2";
        Cluster.Scenarios.For("full", JobScenario.Hold);

        var result = await runner.RunAsync(
            "submit", "-i", "busybox:1.36", "-j", "full", "-r", "small-gpu", "-e", "EPOCHS=10", "-e", "EMPTY=",
            "-a", """{"example.test/run":"42"}""", "--ttl", "10m", "--deadline", "3600", "--retries", "2",
            "--label", "team=vision", "-c", "--", "sh", "-c", "echo hi");

        result.ExitCode.Should().Be(0, result.ToString());
        var job = Cluster.Store.GetJob(Ns, "full")!;
        var metadata = job["metadata"]!;
        metadata["labels"]!["app.kubernetes.io/managed-by"]!.GetValue<string>().Should().Be("jobman");
        metadata["labels"]!["jobman.io/flavor"]!.GetValue<string>().Should().Be("small-gpu");
        metadata["labels"]!["team"]!.GetValue<string>().Should().Be("vision");
        metadata["annotations"]!["chaimeleon.eu/jobResourcesFlavor"]!.GetValue<string>().Should().Be("small-gpu");
        metadata["annotations"]!["example.test/owner"]!.GetValue<string>().Should().Be("alice");
        metadata["annotations"]!["example.test/datasets"]!.GetValue<string>().Should().Be("ds1,ds2");
        metadata["annotations"]!["example.test/run"]!.GetValue<string>().Should().Be("42");
        var spec = job["spec"]!;
        spec["backoffLimit"]!.GetValue<int>().Should().Be(2);
        spec["ttlSecondsAfterFinished"]!.GetValue<int>().Should().Be(600);
        spec["activeDeadlineSeconds"]!.GetValue<long>().Should().Be(3600);
        spec["template"]!["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]!.GetValue<string>().Should().Be("jobman");
        var pod = spec["template"]!["spec"]!;
        pod["restartPolicy"]!.GetValue<string>().Should().Be("Never");
        pod["priorityClassName"]!.GetValue<string>().Should().Be("batch-low");
        pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>().Should().BeTrue();
        pod["securityContext"]!["supplementalGroups"]!.AsArray().Select(g => g!.GetValue<long>()).Should().Equal(4242);
        var container = pod["containers"]![0]!;
        container["name"]!.GetValue<string>().Should().Be("main");
        container["image"]!.GetValue<string>().Should().Be("registry.example.test/lib/busybox:1.36");
        container["command"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal("sh", "-c", "echo hi");
        container["args"].Should().BeNull();
        container["env"]!.AsArray().Select(e => $"{e!["name"]}={e["value"]}").Should().Equal("EPOCHS=10", "EMPTY=");
        container["resources"]!["limits"]!["nvidia.com/gpu"]!.GetValue<string>().Should().Be("1");
        Cluster.Scenarios.Release("full");
    }

    [Test]
    public async Task Missing_user_config_map_is_a_warning_not_a_failure()
    {
        var runner = Runner("""{ "job": { "userConfigmap": "absent" } }""");
        var result = await runner.RunAsync("submit", "-i", "busybox", "-j", "nocm", "--", "true");
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().Contain("warning: ConfigMap 'absent' (settings job.userConfigmap) not found in namespace 'team-a'");
        Cluster.Store.GetJob(Ns, "nocm").Should().NotBeNull();
    }

    [Test]
    public async Task Dry_run_prints_the_manifest_as_yaml_and_sends_nothing()
    {
        Cluster.ClearRequests();
        var result = await Run("submit", "-i", "busybox", "-j", "dry", "--dry-run", "--", "echo", "hi");
        result.ExitCode.Should().Be(0, result.ToString());
        Cluster.Requests.Should().BeEmpty();
        result.Stdout.Should().StartWith("apiVersion: batch/v1\nkind: Job\nmetadata:\n").And.Contain("\n  name: dry\n  namespace: team-a\n");
        result.Stdout.Should().Contain("restartPolicy: Never").And.Contain("    name: main\n").And.Contain("app.kubernetes.io/managed-by: jobman");
        result.Stdout.Should().NotContain(Token);
        Cluster.Store.Jobs(Ns).Should().BeEmpty();
    }

    [Test]
    public async Task Dry_run_prints_json_with_o_json()
    {
        var result = await Run("submit", "-i", "busybox", "-j", "dry", "--dry-run", "-o", "json", "--", "echo", "hi");
        result.ExitCode.Should().Be(0, result.ToString());
        var job = JsonNode.Parse(result.Stdout)!;
        job["apiVersion"]!.GetValue<string>().Should().Be("batch/v1");
        job["kind"]!.GetValue<string>().Should().Be("Job");
        job["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal("echo", "hi");
    }

    [TestCase("-j", "Bad_Name", "job name 'Bad_Name' (-j/--job-name) is not valid")]
    [TestCase("-j", "a123456789012345678901234567890123456789012345678901234567890123", "the maximum is 63")]
    [TestCase("-a", "{not json", "-a/--annotations is not valid JSON")]
    [TestCase("-a", "[1]", "must be a JSON object")]
    [TestCase("-e", "NOVALUE", "-e/--env 'NOVALUE' has no value")]
    [TestCase("--label", "a b", "--label 'a b' must look like KEY=VALUE")]
    [TestCase("--retries", "-1", "--retries '-1'")]
    [TestCase("--deadline", "soon", "--deadline 'soon' is not a duration")]
    [TestCase("-r", "huge", "flavor 'huge' is not defined")]
    [TestCase("-r", """{"resources":{"requests":{"cpu":"lots"}}}""", "resources.requests.cpu 'lots' is refused: it is not a Kubernetes quantity")]
    public async Task Invalid_input_is_a_usage_error_before_any_request(string option, string value, string message)
    {
        Cluster.ClearRequests();
        var result = await Run("submit", "-i", "busybox", option, value, "--", "true");
        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain(message);
        Cluster.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Mistyped_option_before_the_separator_is_refused()
    {
        var result = await Run("submit", "-i", "busybox", "--imgae", "x", "--", "true");
        result.ExitCode.Should().Be(2, result.ToString());
        Cluster.Store.Jobs(Ns).Should().BeEmpty();
    }

    [Test]
    public async Task Same_name_twice_says_it_already_exists()
    {
        await SubmitAsync("dup");
        var again = await Run("submit", "-i", "busybox", "-j", "dup", "--", "true");
        again.ExitCode.Should().Be(1);
        again.Stderr.Should().Be("error: a job named 'dup' already exists in namespace 'team-a'; choose another -j\n");
    }

    [Test]
    public async Task Generated_names_are_jobman_plus_8_characters()
    {
        var result = await Run("submit", "-i", "busybox", "--", "true");
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().MatchRegex("^job 'jobman-[a-z0-9]{8}' created in namespace 'team-a'\n$");
    }

    [Test]
    public async Task Wait_flag_returns_the_job_result()
    {
        Cluster.Scenarios.For("bad", JobScenario.Exit(3, "boom"));
        var failed = await Run("submit", "-i", "busybox", "-j", "bad", "--wait", "--", "false");
        failed.ExitCode.Should().Be(1, failed.ToString());
        failed.Stdout.Should().Be("job 'bad' created in namespace 'team-a'\njob 'bad' failed: BackoffLimitExceeded: exit code 3\n");

        var ok = await Run("submit", "-i", "busybox", "-j", "good", "--wait", "--", "true");
        ok.ExitCode.Should().Be(0, ok.ToString());
        ok.Stdout.Should().EndWith("job 'good' succeeded\n");
    }

    [Test]
    public async Task Follow_flag_streams_the_log_then_exits_with_the_result()
    {
        var result = await Run("submit", "-i", "busybox", "-j", "chatty", "--follow", "--", "sh", "-c", "echo one; echo two; exit 4");
        result.ExitCode.Should().Be(1, result.ToString());
        result.Stdout.Should().Be("job 'chatty' created in namespace 'team-a'\none\ntwo\n");
        result.Stderr.Should().Contain("job 'chatty' failed: BackoffLimitExceeded: exit code 4");
    }

    [Test]
    public async Task A_throttled_create_is_retried()
    {
        Cluster.Faults.Next(1, Fault.TooManyRequests(0), "/jobs");
        var result = await Run("submit", "-i", "busybox", "-j", "throttled", "--", "true");
        result.ExitCode.Should().Be(0, result.ToString());
        Cluster.Requests.Where(r => r.Method == "POST").Select(r => r.StatusCode).Should().Equal(429, 201);
    }

    [Test]
    public async Task A_failed_create_is_not_retried()
    {
        Cluster.Faults.Next(1, Fault.ServerError(), "/jobs");
        var result = await Run("submit", "-i", "busybox", "-j", "broken", "--", "true");
        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().StartWith("error: cannot create job 'broken' in namespace 'team-a': the API server failed (500)");
        Cluster.Requests.Count(r => r.Method == "POST").Should().Be(1);
    }

    [Test]
    public async Task A_settings_securityContext_replaces_the_templates_as_a_whole()
    {
        var runner = Runner("""{ "job": { "securityContext": { "runAsUser": 0 } } }""");

        var result = await runner.RunAsync("submit", "-i", "busybox", "-j", "as-root", "--dry-run", "-o", "json", "--", "id");

        result.ExitCode.Should().Be(0, result.ToString());
        var context = JsonNode.Parse(result.Stdout)!["spec"]!["template"]!["spec"]!["securityContext"]!;
        JsonNode.DeepEquals(context, JsonNode.Parse("""{"runAsUser":0}""")).Should().BeTrue(context.ToJsonString());
    }

    [Test]
    public async Task A_contradictory_securityContext_is_refused_before_anything_is_sent()
    {
        var runner = Runner("""{ "job": { "securityContext": { "runAsNonRoot": true, "runAsUser": 0 } } }""");
        Cluster.ClearRequests();

        var result = await runner.RunAsync("submit", "-i", "busybox", "-j", "root", "--", "id");
        var dryRun = await runner.RunAsync("submit", "-i", "busybox", "-j", "root", "--dry-run", "--", "id");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().MatchRegex(@"^error: settings job.securityContext asks for runAsNonRoot: true with runAsUser: 0 \(root\), which Kubernetes refuses to start; set a non-zero runAsUser or drop runAsNonRoot \(from .+settings.json\)\n$");
        dryRun.ExitCode.Should().Be(2, dryRun.ToString());
        Cluster.Requests.Should().NotContain(r => r.Method == "POST");
    }

    [Test]
    public async Task The_double_refuses_a_non_root_pod_running_as_root_at_container_start_like_the_kubelet()
    {
        // Sent without jobman's check (as kubectl would): the pod waits with the kubelet's reason and message.
        Cluster.Store.PutJob(Ns, JsonNode.Parse("""
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"root","labels":{"app.kubernetes.io/managed-by":"jobman"}},
             "spec":{"backoffLimit":0,"template":{"spec":{"restartPolicy":"Never","securityContext":{"runAsNonRoot":true,"runAsUser":0},
               "containers":[{"name":"main","image":"busybox","command":["id"]}]}}}}
            """)!.AsObject());

        await WaitForStatusAsync("root", "Pending");
        var jobs = await ListUntilAsync(jobs => jobs.Any(j => (string?)j!["name"] == "root" && (string?)j["reason"] == "CreateContainerConfigError"));
        var details = JsonNode.Parse((await Run("details", "-j", "root", "-o", "json")).Stdout)!;
        var waiting = details["pods"]![0]!["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!;
        waiting["reason"]!.GetValue<string>().Should().Be("CreateContainerConfigError");
        waiting["message"]!.GetValue<string>().Should().StartWith("container's runAsUser breaks non-root policy (pod: \"root-").And.EndWith(", container: main)");
        jobs.Should().NotBeEmpty();
    }
}
