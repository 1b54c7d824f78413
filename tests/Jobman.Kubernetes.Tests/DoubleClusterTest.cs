using System.Text.Json.Nodes;
using Jobman.Core.Hosting;
using Jobman.Core.Settings;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Kubernetes.Tests;

/// <summary>A fresh API double per test, with user alice allowed in team-a and a kubeconfig for her.</summary>
public abstract class DoubleClusterTest
{
    /// <summary>The namespace alice may use.</summary>
    protected const string Ns = "team-a";

    /// <summary>The API double.</summary>
    protected KubernetesApiServer Cluster { get; private set; } = null!;

    /// <summary>The test's home folder (holds the kubeconfig).</summary>
    protected string Home { get; private set; } = null!;

    /// <summary>alice's kubeconfig.</summary>
    protected string Kubeconfig { get; private set; } = null!;

    [SetUp]
    public async Task StartClusterAsync()
    {
        Cluster = await KubernetesApiServer.StartAsync();
        Home = Directory.CreateTempSubdirectory($"jobman-{GetType().Name}-").FullName;
        Kubeconfig = Path.Combine(Home, "config");
        Cluster.WriteKubeconfig(Kubeconfig, Cluster.AddUser("alice", Ns), Ns);
    }

    [TearDown]
    public async Task StopClusterAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(Home, recursive: true);
    }

    /// <summary>A connection as the job commands make one, from the kubeconfig.</summary>
    /// <returns>The connection.</returns>
    protected ClusterConnection Connect()
    {
        var settings = new JobmanSettings(new JsonObject(), []);
        var environment = new JobmanEnvironment(Home, name => name == "KUBECONFIG" ? Kubeconfig : null);
        return new ClusterConnector(settings, environment).Connect(ClusterSelection.Default);
    }
}
