using System.Text.Json.Nodes;
using Jobman.Testing.Kubernetes;

namespace Jobman.Testing.Tests.Kubernetes;

[TestFixture]
[Parallelizable(ParallelScope.None)]
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
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Get_jobs_as_json_lists_seeded_jobs()
    {
        _server.Store.PutJob("team-a", Job("seeded-one", "echo hi"), managed: false);

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

        await Poll.UntilAsync(() => _server.Store.GetJob("team-a", "hello-yaml"), j => IsComplete(j), "hello-yaml to complete");
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

    internal static bool IsComplete(JsonObject? job) =>
        job?["status"]?["conditions"] is JsonArray conditions
        && conditions.Any(c => c!["type"]!.GetValue<string>() == "Complete" && c["status"]!.GetValue<string>() == "True");

    internal static JsonObject Job(string name, string script, int? backoffLimit = null)
    {
        var job = new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["restartPolicy"] = "Never",
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "main",
                            ["image"] = "registry.example.test/tools/shell:1.0",
                            ["command"] = new JsonArray("/bin/sh", "-c", script),
                        }),
                    },
                },
            },
        };
        if (backoffLimit is not null)
        {
            job["spec"]!["backoffLimit"] = backoffLimit;
        }

        return job;
    }
}
