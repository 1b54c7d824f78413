using System.Text.Json.Nodes;
using Jobman.Testing.Cli;
using Jobman.Sandbox.Kubernetes;
using Microsoft.Extensions.DependencyInjection;

namespace Jobman.Plugins.KubernetesJobs.Tests.Cluster;

/// <summary>
/// Runs the real jobman host with this plugin against the Kubernetes API double: one fresh cluster per test,
/// user alice in namespace team-a, kubeconfig through KUBECONFIG, short poll intervals instead of sleeps.
/// </summary>
public abstract class ClusterTest
{
    protected const string Ns = "team-a";

    /// <summary>Poll fast so tests finish quickly; the logic is the same as with the default intervals.</summary>
    private static readonly JobTimings Fast = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50));

    private readonly List<JobmanRunner> _runners = [];
    private string _folder = null!;

    protected KubernetesApiServer Cluster { get; private set; } = null!;

    protected string Kubeconfig { get; private set; } = null!;

    protected string Token { get; private set; } = null!;

    protected string Folder => _folder;

    /// <summary>The double's options (a subclass turns Kueue on).</summary>
    protected virtual KubernetesApiServerOptions ServerOptions => new();

    [SetUp]
    public async Task StartClusterAsync()
    {
        Cluster = await KubernetesApiServer.StartAsync(ServerOptions);
        Token = Cluster.AddUser("alice", Ns);
        Cluster.AddUser("bob", "team-b");
        _folder = Directory.CreateTempSubdirectory("jobman-jobs-tests-").FullName;
        Kubeconfig = Path.Combine(_folder, "kubeconfig");
        Cluster.WriteKubeconfig(Kubeconfig, Token, Ns);
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
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans temp folders.
        }
    }

    protected JobmanRunner Runner(string? settings = null)
    {
        var runner = new JobmanRunner().WithPlugin(new KubernetesJobsPlugin());
        runner.Environment["KUBECONFIG"] = Kubeconfig;
        runner.Configure = services => services.AddSingleton(Fast);
        if (settings is not null)
        {
            runner.WithUserSettings(settings);
        }

        _runners.Add(runner);
        return runner;
    }

    protected Task<RunResult> Run(params string[] args) => Runner().RunAsync(args);

    /// <summary>Submits a job that runs <paramref name="command"/> and checks it was created.</summary>
    protected async Task SubmitAsync(string name, JobScenario? scenario = null, string[]? options = null, params string[] command)
    {
        if (scenario is not null)
        {
            Cluster.Scenarios.For(name, scenario);
        }

        string[] args = ["submit", "-i", "busybox", "-j", name, .. options ?? [], "--", .. command.Length == 0 ? ["true"] : command];
        var result = await Run(args);
        result.ExitCode.Should().Be(0, result.ToString());
    }

    /// <summary>Runs <c>list -o json</c> until <paramref name="done"/> holds for the jobs, or fails after 20 s.</summary>
    protected async Task<JsonArray> ListUntilAsync(Func<JsonArray, bool> done, params string[] extra)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonArray jobs;
        do
        {
            var result = await Run(["list", "-o", "json", .. extra]);
            result.ExitCode.Should().Be(0, result.ToString());
            jobs = (JsonArray)JsonNode.Parse(result.Stdout)!;
            if (done(jobs))
            {
                return jobs;
            }

            await Task.Delay(20);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"list never reached the expected state: {jobs.ToJsonString()}");
        return jobs;
    }

    protected Task<JsonArray> WaitForStatusAsync(string name, string status) =>
        ListUntilAsync(jobs => jobs.Any(j => (string?)j!["name"] == name && (string?)j["status"] == status));

    protected static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting until {what}");
            }

            await Task.Delay(10);
        }
    }

    protected int CountRequests(string method, string pathEnd) =>
        Cluster.Requests.Count(r => r.Method == method && r.Path.EndsWith(pathEnd, StringComparison.Ordinal));
}
