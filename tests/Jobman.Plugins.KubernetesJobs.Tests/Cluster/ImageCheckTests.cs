using Jobman.Plugins.Harbor;
using Jobman.Testing.Cli;
using Jobman.Sandbox.Harbor;

namespace Jobman.Plugins.KubernetesJobs.Tests.Cluster;

/// <summary><c>submit</c> asks the configured registry (here the Harbor double) whether the image exists.</summary>
public class ImageCheckTests : ClusterTest
{
    private HarborServer _harbor = null!;

    [SetUp]
    public async Task StartHarborAsync()
    {
        _harbor = await HarborServer.StartAsync();
        _harbor.AddProject("ml", isPublic: true);
        _harbor.AddRepository("ml", "trainer", "Trains models", "v1", "v2");
        _harbor.AddRepository("ml", "preprocess", null, "latest");
    }

    [TearDown]
    public async Task StopHarborAsync() => await _harbor.DisposeAsync();

    [Test]
    public async Task An_existing_image_and_tag_is_submitted()
    {
        var result = await Submit("trainer:v2", "checked");

        result.ExitCode.Should().Be(0, result.ToString());
        Cluster.Store.Jobs(Ns).Should().ContainSingle();
        _harbor.Requests.Should().Contain(r => r.Target.Contains("/repositories/trainer", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_mistyped_repository_is_refused_with_a_suggestion_and_nothing_is_created()
    {
        var result = await Submit("trainr:v1", "typo");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().StartWith($"error: image '{Prefix}trainr:v1' not found in registry harbor; did you mean 'trainer'? (pass --no-image-check to submit anyway)");
        Cluster.Store.Jobs(Ns).Should().BeEmpty();
    }

    [Test]
    public async Task A_missing_tag_suggests_the_closest_tags()
    {
        var result = await Submit("trainer:v3", "badtag");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Contain($"did you mean '{Prefix}trainer:v1' or '{Prefix}trainer:v2'?");
        Cluster.Store.Jobs(Ns).Should().BeEmpty();
    }

    [Test]
    public async Task No_image_check_skips_the_registry()
    {
        _harbor.ClearRequests();

        var result = await Submit("trainr:v1", "unchecked", "--no-image-check");

        result.ExitCode.Should().Be(0, result.ToString());
        Cluster.Store.Jobs(Ns).Should().ContainSingle();
        _harbor.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task An_unreachable_registry_only_warns()
    {
        var url = _harbor.Url;
        await _harbor.DisposeAsync();
        _harbor = await HarborServer.StartAsync();

        var result = await SubmitTo(url, "trainer:v1", "offline");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().Contain("warning: could not check image").And.Contain("in registry 'harbor'");
        Cluster.Store.Jobs(Ns).Should().ContainSingle();
    }

    [Test]
    public async Task A_mistyped_repository_costs_the_repository_list_pages_and_two_requests()
    {
        // 152 repositories: two pages of 100. Suggestions come from the names; no repository's tags are read.
        for (var i = 0; i < 150; i++)
        {
            _harbor.AddRepository("ml", $"img-{i:D3}", null, "latest", "v1");
        }

        _harbor.ClearRequests();
        var result = await Submit("img-05:latest", "typo");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().StartWith($"error: image '{Prefix}img-05:latest' not found in registry harbor; did you mean ").And.Contain("'img-005'");
        var requests = _harbor.Requests.Select(r => $"{r.Method} {r.Target}").ToList();
        requests.Should().HaveCount(2 + 2, string.Join("\n", requests));
        requests.Count(r => r.Contains("/projects/ml/repositories?", StringComparison.Ordinal)).Should().Be(2);
        Cluster.Store.Jobs(Ns).Should().BeEmpty();
    }

    [Test]
    public async Task A_missing_tag_reads_the_tags_of_the_named_repository_only()
    {
        for (var i = 0; i < 20; i++)
        {
            _harbor.AddRepository("ml", $"other-{i:D2}", null, "v1");
        }

        _harbor.ClearRequests();
        var result = await Submit("trainer:v3", "badtag");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Contain($"did you mean '{Prefix}trainer:v1' or '{Prefix}trainer:v2'?");
        var requests = _harbor.Requests.Select(r => $"{r.Method} {r.Target}").ToList();
        requests.Should().HaveCount(3, string.Join("\n", requests)).And.OnlyContain(r => r.Contains("/repositories/trainer", StringComparison.Ordinal));
    }

    private string Prefix => new Uri(_harbor.Url).Authority + "/ml/";

    private Task<RunResult> Submit(string image, string name, params string[] extra) => SubmitTo(_harbor.Url, image, name, extra);

    private Task<RunResult> SubmitTo(string harborUrl, string image, string name, params string[] extra)
    {
        var runner = Runner($$"""
            { "harbor": { "url": "{{harborUrl}}", "project": "ml" },
              "job": { "imagePrefix": "{{new Uri(harborUrl).Authority}}/ml/" } }
            """).WithPlugin(new HarborPlugin());
        return runner.RunAsync(["submit", "-i", image, "-r", "no-gpu", "-j", name, .. extra, "--", "true"]);
    }
}
