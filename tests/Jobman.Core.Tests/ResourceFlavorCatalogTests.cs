using System.Text.Json.Nodes;
using Jobman.Core.Commands;
using Jobman.Core.Flavors;
using Jobman.Core.Settings;

namespace Jobman.Core.Tests;

public class ResourceFlavorCatalogTests
{
    private static readonly JobmanSettings Settings = new(JsonNode.Parse("""
        { "job": { "resources": { "default": "no-gpu", "predefined": [
            { "name": "no-gpu", "description": "cpu", "resources": { "requests": { "cpu": "1", "memory": "4Gi" } } },
            { "name": "small-gpu", "maxRunTime": 24, "resources": { "requests": { "cpu": 4, "nvidia.com/gpu": "1" }, "limits": { "nvidia.com/gpu": "1" } } } ] } } }
        """)!.AsObject(), []);

    [Test]
    public async Task Absent_argument_resolves_the_default()
    {
        var flavor = await Catalog().ResolveAsync(null, CancellationToken.None);

        flavor.Name.Should().Be("no-gpu");
        flavor.Requests.Should().Equal(new Dictionary<string, string> { ["cpu"] = "1", ["memory"] = "4Gi" });
    }

    [Test]
    public async Task Numbers_become_quantity_strings()
    {
        var flavor = await Catalog().ResolveAsync("small-gpu", CancellationToken.None);

        flavor.Requests["cpu"].Should().Be("4");
        flavor.MaxRunTimeHours.Should().Be(24);
    }

    [Test]
    public async Task Unknown_name_lists_known_ones()
    {
        var act = () => Catalog().ResolveAsync("huge", CancellationToken.None);

        (await act.Should().ThrowAsync<JobmanException>()).Where(e => e.ExitCode == 2)
            .WithMessage("flavor 'huge' is not defined; known flavors: no-gpu, small-gpu");
    }

    [Test]
    public async Task Inline_json_is_accepted_and_invalid_json_is_a_usage_error()
    {
        var inline = await Catalog().ResolveAsync("""{"resources":{"requests":{"cpu":"2"}}}""", CancellationToken.None);
        var act = () => Catalog().ResolveAsync("{\"resources\": ", CancellationToken.None);

        inline.Source.Should().Be("inline");
        inline.Requests["cpu"].Should().Be("2");
        (await act.Should().ThrowAsync<JobmanException>()).WithMessage("-r/--resources-flavor is not valid JSON*");
    }

    [Test]
    public async Task A_json_file_is_accepted()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, """{"name":"mine","resources":{"requests":{"memory":"1Gi"}}}""");
        try
        {
            var flavor = await Catalog().ResolveAsync(file, CancellationToken.None);

            flavor.Name.Should().Be("mine");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Custom_flavor_reusing_a_predefined_name_with_other_resources_is_refused()
    {
        var act = () => Catalog().ResolveAsync("""{"name":"no-gpu","resources":{"requests":{"cpu":"64"}}}""", CancellationToken.None);

        (await act.Should().ThrowAsync<JobmanException>()).Where(e => e.ExitCode == 2)
            .WithMessage("custom flavor 'no-gpu' has the name of the settings flavor 'no-gpu' but different resources*");
    }

    [Test]
    public async Task Custom_flavor_identical_to_a_predefined_one_is_fine()
    {
        var flavor = await Catalog().ResolveAsync("""{"name":"no-gpu","resources":{"requests":{"cpu":"1","memory":"4Gi"}}}""", CancellationToken.None);

        flavor.Name.Should().Be("no-gpu");
    }

    [Test]
    public async Task Same_name_with_different_resources_in_two_sources_is_a_conflict()
    {
        var cluster = new FixedProvider("cluster", new ResourceFlavor("no-gpu", null, new Dictionary<string, string> { ["cpu"] = "2" }, new Dictionary<string, string>(), "cluster"));
        var catalog = new ResourceFlavorCatalog([new SettingsProvider(), cluster], Settings);

        var conflicts = await catalog.ConflictsAsync(CancellationToken.None);
        var act = () => catalog.ResolveAsync("no-gpu", CancellationToken.None);

        conflicts.Should().Equal("flavor 'no-gpu' is defined with different resources by: settings, cluster");
        (await act.Should().ThrowAsync<JobmanException>()).WithMessage("flavor 'no-gpu' is defined with different resources by settings and cluster*");
    }

    [Test]
    public async Task No_argument_and_no_default_explains_both_ways_out()
    {
        var catalog = new ResourceFlavorCatalog([], JobmanSettings.Empty);

        var act = () => catalog.ResolveAsync(null, CancellationToken.None);

        (await act.Should().ThrowAsync<JobmanException>()).WithMessage("no resources flavor given: pass -r/--resources-flavor NAME|JSON|FILE or set job.resources.default in settings");
    }

    [Test]
    public async Task Providers_get_the_invocations_cluster_and_providers_written_for_Core_1_0_keep_working()
    {
        var clusterAware = new ClusterAwareProvider();
        var catalog = new ResourceFlavorCatalog([new SettingsProvider(), clusterAware], Settings);
        var target = new ClusterTarget("/tmp/other.yaml", "other", "team-b");

        var flavor = await catalog.ResolveAsync("from-other", target, CancellationToken.None);
        var all = await catalog.AllAsync(target, CancellationToken.None);
        var byDefault = await catalog.AllAsync(CancellationToken.None);

        flavor.Source.Should().Be("cluster");
        clusterAware.Seen.Should().Equal(target, ClusterTarget.Default);
        all.Select(f => f.Name).Should().Equal("no-gpu", "small-gpu", "from-other");
        byDefault.Select(f => f.Name).Should().Equal("no-gpu", "small-gpu", "from-default");
    }

    [Test]
    public void Cluster_target_reads_the_kubectl_style_options()
    {
        var values = new Dictionary<string, IReadOnlyList<string>> { ["context"] = ["c"], ["namespace"] = ["n"], ["kubeconfig"] = ["k"] };
        var invocation = new CommandInvocation(values, [], JobmanSettings.Empty, null!);

        ClusterTarget.From(invocation).Should().Be(new ClusterTarget("k", "c", "n"));
        ClusterTarget.Options.Select(o => o.LongName).Should().Equal("context", "namespace", "kubeconfig");
        typeof(ClusterTarget).Assembly.GetName().Version.Should().Be(new Version(1, 0, 0, 0), "plugins built against any 1.x Core must keep loading");
    }

    private static ResourceFlavorCatalog Catalog() => new([new SettingsProvider()], Settings);

    /// <summary>A provider as Jobman.Core 1.1 allows: reads the cluster the command chose.</summary>
    private sealed class ClusterAwareProvider : IResourceFlavorProvider
    {
        public List<ClusterTarget> Seen { get; } = [];

        public string Source => "cluster";

        public Task<IReadOnlyList<ResourceFlavor>> GetFlavorsAsync(CancellationToken cancellationToken) => GetFlavorsAsync(ClusterTarget.Default, cancellationToken);

        public Task<IReadOnlyList<ResourceFlavor>> GetFlavorsAsync(ClusterTarget cluster, CancellationToken cancellationToken)
        {
            Seen.Add(cluster);
            var name = cluster == ClusterTarget.Default ? "from-default" : "from-" + cluster.Context;
            return Task.FromResult(ResourceFlavorParser.ParseList(new JsonArray(new JsonObject { ["name"] = name, ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "1" } } }), Source, "test"));
        }
    }

    private sealed class SettingsProvider : IResourceFlavorProvider
    {
        public string Source => "settings";

        public Task<IReadOnlyList<ResourceFlavor>> GetFlavorsAsync(CancellationToken cancellationToken) =>
            Task.FromResult(ResourceFlavorParser.ParseList(Settings.Job.Resources.Predefined, Source, "settings"));
    }

    private sealed class FixedProvider(string source, params ResourceFlavor[] flavors) : IResourceFlavorProvider
    {
        public string Source => source;

        public Task<IReadOnlyList<ResourceFlavor>> GetFlavorsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ResourceFlavor>>(flavors);
    }
}
