using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;
using Jobman.Sandbox.World;
using Jobman.Testing.Tests.Kubernetes;

namespace Jobman.Testing.Tests.World;

/// <summary>
/// The world 'jobman sandbox' serves, checked with kubectl through the files it writes: the publisher's and the
/// queue readers' RBAC exactly as deploy/ grants it, cluster flavors, private files, GPU pods kept pending.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class SandboxWorldTests
{
    private string _folder = null!;
    private SandboxWorld _world = null!;
    private KubectlRunner _home = null!;

    private string Kubeconfig => Path.Combine(_folder, "sandbox", "kubeconfig");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _folder = Directory.CreateTempSubdirectory("sandbox-world-").FullName;
        _world = await SandboxWorld.StartAsync(Kubeconfig, "sandbox", "me", new KubernetesApiServerOptions());
        _home = new KubectlRunner(_world.Kubernetes, null);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _home.Dispose();
        var errors = _world.Kubernetes.BackgroundErrors;
        await _world.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
        errors.Should().BeEmpty();
    }

    [Test]
    public async Task The_publisher_context_may_do_exactly_what_deploy_grants_the_publisher()
    {
        var grants = DeployRbac.Grants("publisher-rbac.yaml");
        grants.Should().NotBeEmpty();

        foreach (var grant in grants)
        {
            (await CanIAsync(SandboxWorld.PublisherContext, grant)).Should().Be("yes", grant.ToString());
        }

        (await CanIAsync(SandboxWorld.PublisherContext, new DeployRbac.Grant("get", "batch", "jobs", null, null))).Should().Be("no");
        (await CanIAsync(SandboxWorld.PublisherContext, new DeployRbac.Grant("update", "", "configmaps", "jobman-queue", "something-else"))).Should().Be("no");
        (await CanIAsync(SandboxWorld.PublisherContext, new DeployRbac.Grant("create", "batch", "jobs", "sandbox", null))).Should().Be("no");
    }

    [Test]
    public async Task Every_user_may_read_the_queue_and_the_cluster_flavors_and_nothing_else_there()
    {
        var grants = DeployRbac.Grants("queue-readers-rbac.yaml").Concat(DeployRbac.Grants("cluster-flavors-example.yaml")).ToList();
        grants.Should().HaveCount(2);

        foreach (var grant in grants)
        {
            (await CanIAsync(SandboxWorld.UserContext, grant)).Should().Be("yes", grant.ToString());
        }

        (await CanIAsync(SandboxWorld.UserContext, new DeployRbac.Grant("update", "", "configmaps", "jobman-queue", "jobman-queue-position"))).Should().Be("no");
        (await CanIAsync(SandboxWorld.UserContext, new DeployRbac.Grant("list", "batch", "jobs", null, null))).Should().Be("no");
        (await CanIAsync(SandboxWorld.UserContext, new DeployRbac.Grant("create", "batch", "jobs", "sandbox", null))).Should().Be("yes");
        var flavors = await _home.RunAsync("--kubeconfig", Kubeconfig, "get", "configmap", "jobman-jobs-config", "-n", "default", "-o", "jsonpath={.data.flavors}");
        flavors.ExitCode.Should().Be(0, flavors.ToString());
        JsonNode.Parse(flavors.Stdout)!.AsArray().Select(f => f!["name"]!.GetValue<string>()).Should().Equal("tiny-cpu", "large-gpu");
    }

    [Test]
    public void Secret_files_are_private_and_the_settings_point_into_the_sandbox()
    {
        var folder = Path.GetDirectoryName(Kubeconfig)!;
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(folder).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            foreach (var name in new[] { "kubeconfig", "harbor-credentials.json", "settings.json", "harbor-ca.pem" })
            {
                File.GetUnixFileMode(Path.Combine(folder, name)).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, name);
            }
        }

        var settings = JsonNode.Parse(File.ReadAllText(_world.SettingsPath))!;
        settings["kubeConfig"]!["file"]!.GetValue<string>().Should().Be(Kubeconfig);
        settings["harbor"]!["url"]!.GetValue<string>().Should().Be(_world.Harbor.Url);
        settings["jobsQueue"]!["namespace"]!.GetValue<string>().Should().Be("jobman-queue");
        File.ReadAllText(_world.SettingsPath).Should().NotContain(JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "harbor-credentials.json")))!["password"]!.GetValue<string>());
    }

    [Test]
    public async Task Gpu_pods_stay_pending_for_lack_of_gpus_while_others_run()
    {
        var gpu = TestJobs.Job("gpu-job", "true");
        gpu["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"] = new JsonObject { ["limits"] = new JsonObject { ["nvidia.com/gpu"] = "1" } };
        _world.Kubernetes.Store.PutJob("sandbox", gpu);
        _world.Kubernetes.Store.PutJob("sandbox", TestJobs.Job("cpu-job", "true"));

        await Poll.UntilAsync(() => _world.Kubernetes.Store.GetJob("sandbox", "cpu-job"), TestJobs.IsComplete, "the CPU job to complete");
        var pod = await Poll.UntilAsync(
            () => _world.Kubernetes.Store.Pods("sandbox").FirstOrDefault(p => p["metadata"]!["name"]!.GetValue<string>().StartsWith("gpu-job-", StringComparison.Ordinal)),
            p => p?["status"]?["conditions"] is not null, "the GPU pod to be marked unschedulable");
        pod!["status"]!["phase"]!.GetValue<string>().Should().Be("Pending");
        pod["status"]!["conditions"]![0]!["message"]!.GetValue<string>().Should().StartWith("0/1 nodes are available: 1 Insufficient nvidia.com/gpu.");
    }

    private Task<string> CanIAsync(string context, DeployRbac.Grant grant) => DeployRbac.CanIAsync(_home, Kubeconfig, context, grant);
}
