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

    private async Task<KubectlResult> ApplyAsync(string fileName, string yaml)
    {
        var file = Path.Combine(_kubectl.HomeDirectory, fileName);
        await File.WriteAllTextAsync(file, yaml);
        return await _kubectl.RunAsync("apply", "-f", file);
    }
}
