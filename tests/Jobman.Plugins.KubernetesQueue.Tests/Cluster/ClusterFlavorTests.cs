using System.Text.Json.Nodes;
using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Core.Flavors;
using Jobman.Testing.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Jobman.Plugins.KubernetesQueue.Tests.Cluster;

/// <summary>
/// Flavors from ConfigMap sharedNamespace/sharedConfigmap (opt-in: the template leaves sharedConfigmap null), key 'flavors',
/// next to the settings template's 'no-gpu' and 'small-gpu'.
/// </summary>
public class ClusterFlavorTests
{
    private const string LargeGpu = """
        [{"name":"large-gpu","description":"Two GPUs","maxRunTime":24,
          "resources":{"requests":{"cpu":"16","memory":"64Gi","nvidia.com/gpu":"2"},"limits":{"cpu":"16","memory":"64Gi","nvidia.com/gpu":"2"}}}]
        """;

    [Test]
    public async Task Resources_flavors_lists_cluster_flavors_with_their_source()
    {
        await using var cluster = await QueueCluster.StartAsync();
        PutFlavors(cluster, LargeGpu);

        var result = await FlavorReader(cluster).RunAsync("resources-flavors", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().BeEmpty();
        var flavors = JsonNode.Parse(result.Stdout)!.AsArray();
        flavors.Select(f => $"{f!["name"]}:{f["source"]}").Should().Equal("no-gpu:settings", "small-gpu:settings", "large-gpu:cluster");
        flavors[2]!["resources"]!["requests"]!["nvidia.com/gpu"]!.GetValue<string>().Should().Be("2");
        flavors[2]!["maxRunTime"]!.GetValue<double>().Should().Be(24);
    }

    [Test]
    public async Task Cluster_flavors_come_from_the_cluster_named_by_kubeconfig_and_context_options()
    {
        await using var home = await QueueCluster.StartAsync();
        await using var other = await QueueCluster.StartAsync();
        PutFlavors(home, LargeGpu);
        PutFlavors(other, LargeGpu.Replace("large-gpu", "other-gpu", StringComparison.Ordinal));
        var runner = FlavorReader(home);
        var otherKubeconfig = other.Api.WriteKubeconfig(Path.Combine(runner.HomeDirectory, "other.yaml"), other.Api.AddUser("alice", "user-alice", "default"), "user-alice", "other");

        var byDefault = await runner.RunAsync("resources-flavors", "-o", "json");
        var byKubeconfig = await runner.RunAsync("resources-flavors", "-o", "json", "--kubeconfig", otherKubeconfig);
        runner.Environment["KUBECONFIG"] += Path.PathSeparator + otherKubeconfig;
        var byContext = await runner.RunAsync("resources-flavors", "-o", "json", "--context", "other");

        ClusterFlavors(byDefault).Should().Equal("large-gpu");
        ClusterFlavors(byKubeconfig).Should().Equal("other-gpu");
        ClusterFlavors(byContext).Should().Equal("other-gpu");
        other.Api.Requests.Should().Contain(r => r.Path == "/api/v1/namespaces/default/configmaps/jobman-jobs-config");
    }

    [Test]
    public async Task No_ConfigMap_means_no_cluster_flavors_and_no_warning()
    {
        await using var cluster = await QueueCluster.StartAsync();

        var result = await FlavorReader(cluster).RunAsync("resources-flavors");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().BeEmpty();
        result.Stdout.Should().Contain("no-gpu (default)").And.Contain("small-gpu").And.NotContain("cluster");
    }

    [Test]
    public async Task Without_any_Kubernetes_configuration_there_are_simply_no_cluster_flavors()
    {
        using var runner = new JobmanRunner().WithPlugin(new KubernetesQueuePlugin());

        var result = await runner.RunAsync("resources-flavors");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().BeEmpty();
        result.Stdout.Should().Contain("small-gpu");
    }

    [Test]
    public async Task An_unreadable_ConfigMap_is_a_warning_and_the_settings_flavors_are_still_listed()
    {
        await using var cluster = await QueueCluster.StartAsync();
        PutFlavors(cluster, LargeGpu);

        var result = await cluster.Runner(cluster.Api.AddUser("mallory", "user-mallory"), "user-mallory", SharedFlavorSettings).RunAsync("resources-flavors");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().StartWith("warning: flavors from source 'cluster' are not available: cannot read ConfigMap 'default/jobman-jobs-config': permission denied (403 Forbidden): ")
            .And.Subject.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1);
        result.Stdout.Should().Contain("no-gpu (default)").And.Contain("small-gpu").And.NotContain("large-gpu");
    }

    [Test]
    public async Task Malformed_cluster_flavors_are_a_warning_naming_the_ConfigMap()
    {
        await using var cluster = await QueueCluster.StartAsync();
        PutFlavors(cluster, "[{\"name\":\"x\"");

        var result = await FlavorReader(cluster).RunAsync("resources-flavors");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().StartWith("warning: flavors from source 'cluster' are not available: ConfigMap 'default/jobman-jobs-config' key 'flavors' is not valid JSON");
    }

    [Test]
    public async Task A_cluster_flavor_redefining_a_settings_flavor_is_reported_as_a_conflict()
    {
        await using var cluster = await QueueCluster.StartAsync();
        PutFlavors(cluster, """[{"name":"small-gpu","resources":{"requests":{"cpu":"2","memory":"8Gi","nvidia.com/gpu":"1"}}}]""");

        var result = await FlavorReader(cluster).RunAsync("resources-flavors");

        result.Stderr.Should().Contain("warning: flavor 'small-gpu' is defined with different resources by: settings, cluster");
    }

    [Test]
    public async Task A_custom_flavor_reusing_a_cluster_flavor_name_with_other_resources_is_refused()
    {
        await using var cluster = await QueueCluster.StartAsync();
        PutFlavors(cluster, LargeGpu);
        var runner = FlavorReader(cluster);
        runner.Configure = services => services.AddSingleton<ICommand, ResolveFlavorCommand>();

        var refused = await runner.RunAsync("test-resolve-flavor", "--flavor", """{"name":"large-gpu","resources":{"requests":{"cpu":"1","memory":"1Gi"}}}""");
        var byName = await runner.RunAsync("test-resolve-flavor", "--flavor", "large-gpu");

        refused.ExitCode.Should().Be(2);
        refused.Stderr.Should().Be("error: custom flavor 'large-gpu' has the name of the cluster flavor 'large-gpu' but different resources; rename it or use -r large-gpu" + Environment.NewLine);
        byName.ExitCode.Should().Be(0, byName.ToString());
        byName.Stdout.Should().Be("large-gpu from cluster: cpu=16, memory=64Gi, nvidia.com/gpu=2" + Environment.NewLine);
    }

    [Test]
    public async Task A_name_only_the_unreadable_cluster_source_could_define_says_so()
    {
        await using var cluster = await QueueCluster.StartAsync();
        PutFlavors(cluster, LargeGpu);
        var runner = cluster.Runner(cluster.Api.AddUser("mallory", "user-mallory"), "user-mallory", SharedFlavorSettings);
        runner.Configure = services => services.AddSingleton<ICommand, ResolveFlavorCommand>();

        var result = await runner.RunAsync("test-resolve-flavor", "--flavor", "large-gpu");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().StartWith("error: flavor 'large-gpu' is not defined; known flavors: no-gpu, small-gpu (note: flavors from source 'cluster' are not available: cannot read ConfigMap 'default/jobman-jobs-config': permission denied (403 Forbidden)");
    }

    private static IEnumerable<string> ClusterFlavors(RunResult result)
    {
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().BeEmpty();
        return JsonNode.Parse(result.Stdout)!.AsArray().Where(f => (string?)f!["source"] == "cluster").Select(f => (string)f!["name"]!);
    }

    private static void PutFlavors(QueueCluster cluster, string json) =>
        cluster.Api.Store.PutConfigMap("default", "jobman-jobs-config", new Dictionary<string, string> { ["flavors"] = json });

    /// <summary>A user who may read the 'default' namespace, where the template's flavors ConfigMap lives.</summary>
    // Cluster flavors are opt-in: the shipped template leaves sharedConfigmap null.
    private static JobmanRunner FlavorReader(QueueCluster cluster) => cluster.Runner(
        cluster.Api.AddUser("alice", "user-alice", "default"),
        "user-alice",
        SharedFlavorSettings);

    private static readonly string SharedFlavorSettings =
        QueueCluster.Settings(""", "sharedNamespace": "default", "sharedConfigmap": "jobman-jobs-config" """);

    /// <summary>Test-only command: resolves a flavor through the host's catalog exactly as 'submit -r' does.</summary>
    private sealed class ResolveFlavorCommand(ResourceFlavorCatalog catalog) : ICommand
    {
        public CommandSpec Spec { get; } = new("test-resolve-flavor", "Resolve -r like submit does (tests only).")
        {
            Options = [OptionSpec.Value("flavor", "VALUE", "Name, JSON or file.")],
        };

        public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
        {
            var flavor = await catalog.ResolveAsync(invocation.Value("flavor"), cancellationToken);
            invocation.Output.WriteLine($"{flavor.Name} from {flavor.Source}: {string.Join(", ", flavor.Requests.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))}");
            return ExitCodes.Success;
        }
    }
}
