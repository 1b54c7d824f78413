using System.Text.Json.Nodes;
using Jobman.Plugins.KubernetesJobs.Tests.Cluster;
using Jobman.Testing.Golden;
using Microsoft.Extensions.DependencyInjection;

namespace Jobman.Plugins.KubernetesJobs.Tests.Golden;

/// <summary>
/// The list and details tables of fixed jobs at a fixed time, against golden files in
/// tests/Jobman.Plugins.KubernetesJobs.Tests/golden: a change of columns, wording or layout is a reviewed diff.
/// The jobs are seeded finished (the double's controller leaves them alone) with pods no kubelet runs.
/// </summary>
public sealed class TableGoldenTests : ClusterTest
{
    private const string Project = "Jobman.Plugins.KubernetesJobs.Tests";
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    [SetUp]
    public void Seed()
    {
        var ok = SeedJob("train-ok", "small-gpu", "registry.example/ml/trainer:v2", T0, ["python", "train.py", "--epochs", "3"], new JsonObject
        {
            ["startTime"] = Time(T0.AddMinutes(1)),
            ["completionTime"] = Time(T0.AddMinutes(31)),
            ["succeeded"] = 1,
            ["conditions"] = new JsonArray(
                Condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", T0.AddMinutes(31)),
                Condition("Complete", "CompletionsReached", "Reached expected number of succeeded pods", T0.AddMinutes(31))),
        });
        SeedPod("train-ok-7xk2p", ok, "Succeeded", 0, "Completed", T0.AddMinutes(1), T0.AddMinutes(31));

        var broken = SeedJob("prep-data", "no-gpu", "registry.example/ml/prep:1.4", T0.AddMinutes(40), ["sh", "-c", "exit 3"], new JsonObject
        {
            ["startTime"] = Time(T0.AddMinutes(41)),
            ["failed"] = 1,
            ["conditions"] = new JsonArray(
                Condition("FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit", T0.AddMinutes(43)),
                Condition("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit", T0.AddMinutes(43))),
        });
        SeedPod("prep-data-q9w4m", broken, "Failed", 3, "Error", T0.AddMinutes(41), T0.AddMinutes(43));
    }

    [Test]
    public async Task List_table()
    {
        GoldenFile.Check(Project, "tables/list.txt", await RunAtAsync("list"));
    }

    [Test]
    public async Task List_wide_table()
    {
        GoldenFile.Check(Project, "tables/list-wide.txt", await RunAtAsync("list", "-o", "wide"));
    }

    [Test]
    public async Task Details_of_a_succeeded_job()
    {
        GoldenFile.Check(Project, "tables/details-succeeded.txt", await RunAtAsync("details", "-j", "train-ok"));
    }

    [Test]
    public async Task Details_of_a_failed_job()
    {
        GoldenFile.Check(Project, "tables/details-failed.txt", await RunAtAsync("details", "-j", "prep-data"));
    }

    private async Task<string> RunAtAsync(params string[] args)
    {
        var runner = Runner();
        var configure = runner.Configure;
        runner.Configure = services =>
        {
            configure?.Invoke(services);
            services.AddSingleton<TimeProvider>(new FixedClock(T0.AddHours(2)));
        };
        var result = await runner.RunAsync(args);
        result.ExitCode.Should().Be(0, result.ToString());
        return result.Stdout;
    }

    private JsonObject SeedJob(string name, string flavor, string image, DateTimeOffset created, string[] command, JsonObject status)
    {
        var container = new JsonObject
        {
            ["name"] = "main",
            ["image"] = image,
            ["command"] = new JsonArray(command.Select(c => (JsonNode)c).ToArray()),
        };
        return Cluster.Store.PutJob(Ns, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["creationTimestamp"] = Time(created),
                ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "jobman", ["jobman.io/flavor"] = flavor },
                ["annotations"] = new JsonObject { ["job.resources.label"] = flavor },
            },
            ["spec"] = new JsonObject
            {
                ["backoffLimit"] = 0,
                ["template"] = new JsonObject { ["spec"] = new JsonObject { ["restartPolicy"] = "Never", ["containers"] = new JsonArray(container) } },
            },
            ["status"] = status,
        }, managed: false);
    }

    private void SeedPod(string name, JsonObject job, string phase, int exitCode, string reason, DateTimeOffset started, DateTimeOffset finished)
    {
        var jobName = job["metadata"]!["name"]!.GetValue<string>();
        var uid = job["metadata"]!["uid"]!.GetValue<string>();
        Cluster.Store.PutPod(Ns, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["creationTimestamp"] = Time(started.AddSeconds(-2)),
                ["labels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid, ["batch.kubernetes.io/job-name"] = jobName, ["controller-uid"] = uid, ["job-name"] = jobName },
                ["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "batch/v1", ["kind"] = "Job", ["name"] = jobName, ["uid"] = uid, ["controller"] = true, ["blockOwnerDeletion"] = true }),
            },
            ["spec"] = new JsonObject { ["nodeName"] = "gpu-node-1", ["restartPolicy"] = "Never", ["containers"] = job["spec"]!["template"]!["spec"]!["containers"]!.DeepClone() },
            ["status"] = new JsonObject
            {
                ["phase"] = phase,
                ["startTime"] = Time(started),
                ["containerStatuses"] = new JsonArray(new JsonObject
                {
                    ["name"] = "main",
                    ["ready"] = false,
                    ["restartCount"] = 0,
                    ["image"] = job["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.DeepClone(),
                    ["state"] = new JsonObject
                    {
                        ["terminated"] = new JsonObject { ["exitCode"] = exitCode, ["reason"] = reason, ["startedAt"] = Time(started), ["finishedAt"] = Time(finished) },
                    },
                }),
            },
        });
    }

    private static JsonObject Condition(string type, string reason, string message, DateTimeOffset at) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["reason"] = reason,
        ["message"] = message,
        ["lastProbeTime"] = Time(at),
        ["lastTransitionTime"] = Time(at),
    };

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
