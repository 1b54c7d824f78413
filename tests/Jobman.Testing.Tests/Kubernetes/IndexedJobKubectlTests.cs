using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;
using Jobman.Testing.Prerequisites;

namespace Jobman.Testing.Tests.Kubernetes;

/// <summary>Indexed Jobs through the real kubectl: what a user of a cluster sees for static work assignment per index.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
[RequiresKubectl]
public sealed class IndexedJobKubectlTests
{
    private const string Ns = "team-a";

    // Shaped like the upstream docs' "Indexed Job for Parallel Processing with Static Work Assignment" sample.
    private const string SquaresYaml = """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: squares
        spec:
          completions: 5
          parallelism: 3
          completionMode: Indexed
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: worker
                image: registry.example.test/tools/shell:1.0
                command: ["/bin/sh", "-c"]
                args: ["echo \"item $JOB_COMPLETION_INDEX squared is $((JOB_COMPLETION_INDEX * JOB_COMPLETION_INDEX))\""]
        """;

    private KubernetesApiServer _server = null!;
    private KubectlRunner _kubectl = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { PodRetryDelay = TimeSpan.Zero });
        _kubectl = new KubectlRunner(_server, _server.AddUser("alice", Ns), Ns);
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
    public async Task Applied_indexed_job_runs_one_pod_per_index_and_reports_completed_indexes()
    {
        var apply = await ApplyAsync("squares.yaml", SquaresYaml);
        apply.ExitCode.Should().Be(0, apply.ToString());

        var wait = await _kubectl.RunAsync("wait", "--for=condition=complete", "job/squares", "--timeout=25s");
        wait.ExitCode.Should().Be(0, wait.ToString());

        var pods = await _kubectl.RunAsync("get", "pods", "-l", "job-name=squares", "-o", "json");
        pods.ExitCode.Should().Be(0, pods.ToString());
        var items = JsonNode.Parse(pods.Stdout)!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        items.Should().HaveCount(5);
        foreach (var pod in items)
        {
            var index = pod["metadata"]!["annotations"]!["batch.kubernetes.io/job-completion-index"]!.GetValue<string>();
            pod["metadata"]!["labels"]!["batch.kubernetes.io/job-completion-index"]!.GetValue<string>().Should().Be(index);
            pod["metadata"]!["name"]!.GetValue<string>().Should().MatchRegex($"^squares-{index}-[bcdfghjklmnpqrstvwxz2456789]{{5}}$");
            pod["metadata"]!["generateName"]!.GetValue<string>().Should().Be($"squares-{index}-");
            pod["spec"]!["hostname"]!.GetValue<string>().Should().Be($"squares-{index}");
            pod["status"]!["phase"]!.GetValue<string>().Should().Be("Succeeded");
            var env = pod["spec"]!["containers"]![0]!["env"]!.AsArray().Single()!;
            env["name"]!.GetValue<string>().Should().Be("JOB_COMPLETION_INDEX");
            var fieldRef = env["valueFrom"]!["fieldRef"]!.AsObject();
            fieldRef.Select(kv => $"{kv.Key}={kv.Value}").Should().Equal("apiVersion=v1", "fieldPath=metadata.labels['batch.kubernetes.io/job-completion-index']");
        }

        items.Select(p => p["metadata"]!["annotations"]!["batch.kubernetes.io/job-completion-index"]!.GetValue<string>())
            .Should().BeEquivalentTo(["0", "1", "2", "3", "4"]);

        var completed = await _kubectl.RunAsync("get", "job", "squares", "-o", "jsonpath={.status.completedIndexes} {.status.succeeded} {.status.failedIndexes}");
        completed.Stdout.Should().Be("0-4 5 ", completed.ToString());

        var third = items.Single(p => p["metadata"]!["annotations"]!["batch.kubernetes.io/job-completion-index"]!.GetValue<string>() == "3");
        var logs = await _kubectl.RunAsync("logs", third["metadata"]!["name"]!.GetValue<string>());
        logs.ExitCode.Should().Be(0, logs.ToString());
        logs.Stdout.Should().Be("item 3 squared is 9\n");

        var table = await _kubectl.RunAsync("get", "job", "squares");
        table.Stdout.Should().MatchRegex(@"squares +Complete +5/5 ");

        var describe = await _kubectl.RunAsync("describe", "job", "squares");
        describe.ExitCode.Should().Be(0, describe.ToString());
        describe.Stdout.Should().MatchRegex(@"\nCompletions: +5\n")
            .And.MatchRegex(@"\nParallelism: +3\n")
            .And.MatchRegex(@"\nCompletion Mode: +Indexed\n")
            .And.MatchRegex(@"\nCompleted Indexes: +0-4\n")
            .And.MatchRegex(@"\nPods Statuses: +0 Active \(0 Ready\) / 5 Succeeded / 0 Failed\n");
    }

    [Test]
    public async Task A_config_map_volume_is_written_out_and_the_sweep_wrapper_sources_each_indexs_env_file()
    {
        var apply = await ApplyAsync("sweep.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: lr-sweep
            data:
              0.env: "LR='0.1'\nNOTE='first try'\n"
              1.env: "LR='0.01'\nNOTE='second try'\n"
            ---
            """ + "\n" + SweepJob("lr", "lr-sweep", completions: 2));
        apply.ExitCode.Should().Be(0, apply.ToString());

        var wait = await _kubectl.RunAsync("wait", "--for=condition=complete", "job/lr", "--timeout=25s");
        wait.ExitCode.Should().Be(0, wait.ToString());

        foreach (var (index, expected) in new[] { (0, "index=0 lr=0.1 note=first try\n"), (1, "index=1 lr=0.01 note=second try\n") })
        {
            var pod = PodOfIndex("lr", index);
            var logs = await _kubectl.RunAsync("logs", (string)pod["metadata"]!["name"]!);
            logs.Stdout.Should().Be(expected, logs.ToString());
            var folder = Path.Combine(Path.GetTempPath(), $"jobman-pod-{(string)pod["metadata"]!["uid"]!}");
            await Poll.UntilAsync(() => Directory.Exists(folder), exists => !exists, $"{folder} removed once the pod ended");
        }
    }

    [Test]
    public async Task A_missing_config_map_keeps_the_pod_creating_with_failed_mount_until_it_exists_and_goes_with_its_job()
    {
        var apply = await ApplyAsync("late.yaml", SweepJob("late", "late-sweep", completions: 1));
        apply.ExitCode.Should().Be(0, apply.ToString());
        var pod = await Poll.UntilAsync(() => _server.Store.Pods(Ns).FirstOrDefault(p => (string?)p["metadata"]!["labels"]!["job-name"] == "late"),
            p => p is not null, "late pod");
        var podName = (string)pod!["metadata"]!["name"]!;

        var events = await Poll.UntilAsync(
            () => _kubectl.RunAsync("get", "events", "--field-selector", $"involvedObject.name={podName},reason=FailedMount", "-o", "json").Result,
            r => r.ExitCode == 0 && JsonNode.Parse(r.Stdout)!["items"]!.AsArray().Count > 0, "a FailedMount event");
        var warning = JsonNode.Parse(events.Stdout)!["items"]![0]!;
        warning["type"]!.GetValue<string>().Should().Be("Warning");
        warning["message"]!.GetValue<string>().Should().Be("MountVolume.SetUp failed for volume \"sweep\" : configmap \"late-sweep\" not found");
        warning["source"]!["component"]!.GetValue<string>().Should().Be("kubelet");
        var waiting = await _kubectl.RunAsync("get", "pod", podName, "-o", "jsonpath={.status.phase} {.status.containerStatuses[0].state.waiting.reason}");
        waiting.Stdout.Should().Be("Pending ContainerCreating", waiting.ToString());

        var uid = (await _kubectl.RunAsync("get", "job", "late", "-o", "jsonpath={.metadata.uid}")).Stdout;
        var configMap = await ApplyAsync("late-sweep.yaml", $$"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: late-sweep
              ownerReferences:
              - apiVersion: batch/v1
                kind: Job
                name: late
                uid: {{uid}}
            data:
              0.env: "LR='0.5'\nNOTE='late'\n"
            """);
        configMap.ExitCode.Should().Be(0, configMap.ToString());

        var wait = await _kubectl.RunAsync("wait", "--for=condition=complete", "job/late", "--timeout=25s");
        wait.ExitCode.Should().Be(0, wait.ToString());
        (await _kubectl.RunAsync("logs", podName)).Stdout.Should().Be("index=0 lr=0.5 note=late\n");

        var delete = await _kubectl.RunAsync("delete", "job", "late");
        delete.ExitCode.Should().Be(0, delete.ToString());
        await Poll.UntilAsync(() => _server.Store.GetConfigMap(Ns, "late-sweep"), c => c is null, "the owned ConfigMap collected with its job");
        var gone = await _kubectl.RunAsync("get", "configmap", "late-sweep");
        gone.Stderr.Should().Contain("configmaps \"late-sweep\" not found");
    }

    [TestCase("orphan", true)]
    [TestCase("foreground", false)]
    public async Task Job_delete_cascades_to_owned_config_maps_unless_orphaned(string cascade, bool kept)
    {
        var job = $"gc-{cascade}";
        _server.Scenarios.For(job, JobScenario.Hold);
        (await ApplyAsync($"{job}.yaml", SweepJob(job, $"{job}-sweep", completions: 1))).ExitCode.Should().Be(0);
        var uid = (await _kubectl.RunAsync("get", "job", job, "-o", "jsonpath={.metadata.uid}")).Stdout;
        _server.Store.PutConfigMap(Ns, $"{job}-sweep", new Dictionary<string, string> { ["0.env"] = "LR='1'\n" });
        var owned = await _kubectl.RunAsync("patch", "configmap", $"{job}-sweep", "--type=merge", "-p",
            $$$"""{"metadata":{"ownerReferences":[{"apiVersion":"batch/v1","kind":"Job","name":"{{{job}}}","uid":"{{{uid}}}","blockOwnerDeletion":true}]}}""");
        owned.ExitCode.Should().Be(0, owned.ToString());

        var delete = await _kubectl.RunAsync("delete", "job", job, $"--cascade={cascade}");

        delete.ExitCode.Should().Be(0, delete.ToString());
        await Poll.UntilAsync(() => _server.Store.GetJob(Ns, job), j => j is null, $"{job} gone");
        var configMap = _server.Store.GetConfigMap(Ns, $"{job}-sweep");
        if (kept)
        {
            configMap.Should().NotBeNull();
            configMap!["metadata"]!.AsObject().ContainsKey("ownerReferences").Should().BeFalse();
            _server.Scenarios.Release(job);
        }
        else
        {
            configMap.Should().BeNull();
        }
    }

    /// <summary>An Indexed job whose container runs jobman's sweep wrapper over a ConfigMap mounted at /etc/jobman/sweep.</summary>
    private static string SweepJob(string name, string configMap, int completions) => $$"""
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: {{name}}
        spec:
          completions: {{completions}}
          parallelism: {{completions}}
          completionMode: Indexed
          template:
            spec:
              restartPolicy: Never
              volumes:
              - name: sweep
                configMap:
                  name: {{configMap}}
              containers:
              - name: worker
                image: registry.example.test/tools/shell:1.0
                command:
                - /bin/sh
                - -c
                - set -a; . "$0/$JOB_COMPLETION_INDEX.env"; set +a; exec "$@"
                - /etc/jobman/sweep
                - /bin/sh
                - -c
                - echo "index=$JOB_COMPLETION_INDEX lr=$LR note=$NOTE"
                volumeMounts:
                - name: sweep
                  mountPath: /etc/jobman/sweep
        """;

    private JsonObject PodOfIndex(string job, int index) =>
        _server.Store.Pods(Ns).Single(p => (string?)p["metadata"]!["labels"]!["job-name"] == job && TestJobs.IndexOf(p) == index);

    private async Task<KubectlResult> ApplyAsync(string fileName, string yaml)
    {
        var file = Path.Combine(_kubectl.HomeDirectory, fileName);
        await File.WriteAllTextAsync(file, yaml);
        return await _kubectl.RunAsync("apply", "-f", file);
    }
}
