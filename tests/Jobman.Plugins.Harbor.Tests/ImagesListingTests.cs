using System.Text.Json.Nodes;

namespace Jobman.Plugins.Harbor.Tests;

/// <summary><c>jobman images</c> against the Harbor double: paging, tags, nested names, formats, concurrency.</summary>
public sealed class ImagesListingTests
{
    private HarborFixture _harbor = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _harbor = await HarborFixture.StartAsync();
        _harbor.Server.AddProject("ml", isPublic: true);
        _harbor.Settings();
    }

    [TearDown]
    public async Task StopAsync() => await _harbor.DisposeAsync();

    [TestCase(0, 1)]
    [TestCase(1, 1)]
    [TestCase(100, 1)]
    [TestCase(101, 2)]
    [TestCase(1000, 10)]
    public async Task Lists_every_repository_at_any_count(int count, int repositoryPages)
    {
        for (var i = 0; i < count; i++)
        {
            _harbor.Server.AddRepository("ml", $"img{i:0000}", null, $"t{i}");
        }

        var result = await _harbor.RunAsync("images", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var names = JsonNode.Parse(result.Stdout)!.AsArray().Select(n => n!["name"]!.GetValue<string>()).ToList();
        names.Should().Equal(Enumerable.Range(0, count).Select(i => $"img{i:0000}"));
        var requests = _harbor.Server.Requests;
        requests.Where(r => r.Path == "/api/v2.0/projects/ml/repositories").Should().HaveCount(repositoryPages);
        requests.Where(r => r.Path.EndsWith("/artifacts", StringComparison.Ordinal)).Should().HaveCount(count, "one artifacts page per repository");
        requests.Should().OnlyContain(r => r.Target.Contains("page_size=100", StringComparison.Ordinal));
        if (count == 0)
        {
            (await _harbor.RunAsync("images")).Stdout.Should().Contain("No images found.");
        }
    }

    [Test]
    public async Task Collects_250_tags_of_one_repository_over_three_pages()
    {
        var tags = Enumerable.Range(0, 250).Select(i => $"v{i}").ToArray();
        _harbor.Server.AddRepository("ml", "big", null, tags);

        var result = await _harbor.RunAsync("images", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var listed = JsonNode.Parse(result.Stdout)!.AsArray().Single()!["tags"]!.AsArray().Select(t => t!.GetValue<string>());
        listed.Should().BeEquivalentTo(tags);
        _harbor.Server.Requests.Where(r => r.Path == "/api/v2.0/projects/ml/repositories/big/artifacts")
            .Select(r => r.Target).Should().HaveCount(3).And.OnlyContain(t => t.Contains("with_tag=true", StringComparison.Ordinal));
    }

    [Test]
    public async Task Nested_names_are_shown_without_project_and_requested_double_encoded()
    {
        _harbor.Server.AddRepository("ml", "team/trainer", "Trainer", "1.4.2", "latest");
        _harbor.Server.AddRepository("ml", "report", null);

        var result = await _harbor.RunAsync("images");

        result.ExitCode.Should().Be(0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().MatchRegex("^IMAGE +TAGS$");
        lines[1].Should().MatchRegex("^report +<no tags>$");
        lines[2].Should().MatchRegex("^team/trainer +(latest  1.4.2|1.4.2  latest)$");
        _harbor.Server.Requests.Should().Contain(r => r.Path == "/api/v2.0/projects/ml/repositories/team%252Ftrainer/artifacts");
        _harbor.Server.Requests.Should().NotContain(r => r.Path.Contains("/report/", StringComparison.Ordinal), "a repository without artifacts needs no request");
    }

    [Test]
    public async Task Json_and_yaml_carry_pull_prefix_and_unescaped_description()
    {
        _harbor.Server.AddRepository("ml", "team/trainer", "Uses <CUDA> & \"cuDNN\"", "1.0");
        var host = new Uri(_harbor.Server.Url).Authority;

        var json = await _harbor.RunAsync("images", "-o", "json");
        var yaml = await _harbor.RunAsync("images", "-o", "yaml");

        json.ExitCode.Should().Be(0, json.ToString());
        var item = JsonNode.Parse(json.Stdout)!.AsArray().Single()!;
        item["name"]!.GetValue<string>().Should().Be("team/trainer");
        item["registry"]!.GetValue<string>().Should().Be("harbor");
        item["pullPrefix"]!.GetValue<string>().Should().Be($"{host}/ml/");
        item["description"]!.GetValue<string>().Should().Be("Uses <CUDA> & \"cuDNN\"");
        yaml.ExitCode.Should().Be(0, yaml.ToString());
        yaml.Stdout.Should().Contain("name: team/trainer").And.Contain($"pullPrefix: \"{host}/ml/\"").And.Contain("- \"1.0\"");
    }

    [Test]
    public async Task Several_projects_are_listed_in_settings_order()
    {
        _harbor.Server.AddProject("base", isPublic: true);
        _harbor.Server.AddRepository("base", "python", null, "3.12");
        _harbor.Server.AddRepository("ml", "trainer", null, "1");
        _harbor.Settings(h => h["projects"] = new JsonArray("base"));

        var result = await _harbor.RunAsync("images", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        JsonNode.Parse(result.Stdout)!.AsArray().Select(n => n!["pullPrefix"]!.GetValue<string>().Split('/')[1] + "/" + n["name"]!.GetValue<string>())
            .Should().Equal("ml/trainer", "base/python");
    }

    [Test]
    public async Task Artifacts_are_fetched_with_bounded_concurrency()
    {
        for (var i = 0; i < 40; i++)
        {
            _harbor.Server.AddRepository("ml", $"r{i:00}", null, "1");
        }

        _harbor.Server.Latency = TimeSpan.FromMilliseconds(40);

        var result = await _harbor.RunAsync("images", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        JsonNode.Parse(result.Stdout)!.AsArray().Select(n => n!["name"]!.GetValue<string>())
            .Should().Equal(Enumerable.Range(0, 40).Select(i => $"r{i:00}"), "output order stays the server's order");
        _harbor.Server.MaxInFlight.Should().BeGreaterThan(1).And.BeLessThanOrEqualTo(HarborRegistry.MaxConcurrentRepositories);
    }
}
