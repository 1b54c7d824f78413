using System.Text.Json.Nodes;
using Jobman.Plugins.KubernetesJobs;
using Jobman.Sandbox.Kubernetes;
using Jobman.Testing.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Jobman.Plugins.History.Tests;

/// <summary>
/// Runs the real host with the job and history plugins against the Kubernetes double: one fresh cluster and one home
/// directory (so one journal) per test, user alice in namespace team-a, short poll intervals instead of sleeps.
/// </summary>
public abstract class HistoryClusterTest
{
    protected const string Ns = "team-a";

    private static readonly JobTimings Fast = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50));

    private readonly List<JobmanRunner> _runners = [];

    protected KubernetesApiServer Cluster { get; private set; } = null!;

    protected string Kubeconfig { get; private set; } = null!;

    /// <summary>The home directory every runner of the test shares.</summary>
    protected string Home { get; private set; } = null!;

    protected string JournalFile => Path.Combine(Home, ".jobman", "history.db");

    [SetUp]
    public async Task StartClusterAsync()
    {
        Cluster = await KubernetesApiServer.StartAsync();
        var token = Cluster.AddUser("alice", Ns);
        Home = Directory.CreateTempSubdirectory("jobman-history-home-").FullName;
        Kubeconfig = Path.Combine(Home, "kubeconfig");
        Cluster.WriteKubeconfig(Kubeconfig, token, Ns);
    }

    [TearDown]
    public async Task StopClusterAsync()
    {
        await Cluster.DisposeAsync();
        foreach (var runner in _runners)
        {
            runner.Dispose();
        }

        _runners.Clear();
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans temp folders.
        }
    }

    /// <summary>A runner whose home is <see cref="Home"/>: the journal and kept logs persist across runs of one test.</summary>
    protected JobmanRunner Runner(string? settings = null)
    {
        var runner = new JobmanRunner(Home).WithPlugin(new KubernetesJobsPlugin()).WithPlugin(new HistoryPlugin());
        runner.Environment["KUBECONFIG"] = Kubeconfig;
        runner.Configure = services => services.AddSingleton(Fast);
        _runners.Add(runner);
        if (settings is not null)
        {
            Directory.CreateDirectory(Path.Combine(Home, ".jobman"));
            File.WriteAllText(Path.Combine(Home, ".jobman", "settings.json"), settings);
        }

        return runner;
    }

    protected Task<RunResult> Run(params string[] args) => Runner().RunAsync(args);

    protected async Task<RunResult> RunOk(params string[] args)
    {
        var result = await Run(args);
        result.ExitCode.Should().Be(0, result.ToString());
        return result;
    }

    protected async Task<JsonArray> HistoryJobsAsync(params string[] extra)
    {
        var result = await RunOk(["history", "-o", "json", .. extra]);
        return JsonNode.Parse(result.Stdout)!["jobs"]!.AsArray();
    }
}
