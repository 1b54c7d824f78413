using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;
using Jobman.Sandbox.World;
using Jobman.Testing.Prerequisites;
using Jobman.Testing.Tests.Kubernetes;

namespace Jobman.Testing.Tests.World;

/// <summary>
/// 'jobman sandbox --kueue': Kueue with a ClusterQueue and the user's LocalQueue, the reads deploy/kueue-readers-rbac.yaml
/// grants, settings that queue every job, and a sandbox-admin context that applies Kueue's own admin example.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class SandboxKueueWorldTests
{
    private string _folder = null!;
    private SandboxWorld _world = null!;
    private KubectlRunner _home = null!;

    private string Kubeconfig => Path.Combine(_folder, "sandbox", "kubeconfig");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _folder = Directory.CreateTempSubdirectory("sandbox-kueue-").FullName;
        _world = await SandboxWorld.StartAsync(Kubeconfig, "sandbox", "me", new KubernetesApiServerOptions { Kueue = true });
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
    public async Task Every_user_may_make_the_kueue_reads_deploy_grants_and_no_kueue_write()
    {
        var grants = DeployRbac.Grants("kueue-readers-rbac.yaml").Select(g => g.Namespace is null && g.Resource is "localqueues" or "workloads" or "localqueues/pendingworkloads" ? g with { Namespace = "sandbox" } : g).ToList();
        grants.Should().HaveCount(16);

        foreach (var grant in grants)
        {
            (await CanIAsync("jobman-sandbox", grant)).Should().Be("yes", grant.ToString());
        }

        (await CanIAsync("jobman-sandbox", new DeployRbac.Grant("create", "kueue.x-k8s.io", "clusterqueues", null, null))).Should().Be("no");
        (await CanIAsync("jobman-sandbox", new DeployRbac.Grant("get", "visibility.kueue.x-k8s.io", "clusterqueues/pendingworkloads", null, "sandbox-cluster-queue"))).Should().Be("no");
    }

    [Test]
    public async Task The_admin_context_applies_kueues_own_single_cluster_queue_example()
    {
        var setup = UpstreamContracts.KueueText("examples/admin_single-clusterqueue-setup.yaml").Replace("namespace: \"default\"", "namespace: \"sandbox\"", StringComparison.Ordinal);

        var applied = await _home.RunWithInputAsync(setup, "--kubeconfig", Kubeconfig, "--context", SandboxWorld.AdminContext, "apply", "-f", "-");
        var queues = await _home.RunAsync("--kubeconfig", Kubeconfig, "--context", SandboxWorld.AdminContext, "get", "clusterqueues", "-o", "name");

        applied.ExitCode.Should().Be(0, applied.ToString());
        queues.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().BeEquivalentTo("clusterqueue.kueue.x-k8s.io/cluster-queue", "clusterqueue.kueue.x-k8s.io/sandbox-cluster-queue");
    }

    [Test]
    public void The_settings_queue_every_job_in_the_users_local_queue()
    {
        var settings = JsonNode.Parse(File.ReadAllText(_world.SettingsPath))!;

        settings["job"]!["queue"]!.GetValue<string>().Should().Be("user-queue");
        _world.Kubernetes.Store.LocalQueues("sandbox").Select(q => q["metadata"]!["name"]!.GetValue<string>()).Should().Equal("user-queue");
        _world.Kubernetes.Store.GetClusterQueue("sandbox-cluster-queue").Should().NotBeNull();
    }

    private Task<string> CanIAsync(string context, DeployRbac.Grant grant) => DeployRbac.CanIAsync(_home, Kubeconfig, context, grant);
}
