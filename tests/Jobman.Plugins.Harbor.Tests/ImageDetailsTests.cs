using System.Text.Json.Nodes;

namespace Jobman.Plugins.Harbor.Tests;

/// <summary><c>jobman image-details</c> against the Harbor double.</summary>
public sealed class ImageDetailsTests
{
    private const string Description = """
        # ResNet trainer

        Trains **ResNet** models on *your* data. See [the docs](https://docs.example/trainer) or <https://example.org>.

        ## Usage

        - mount data on `/data`
        - pick a flavor
          - nested item

        1. first
        2. second

        ```
        jobman submit -i team/trainer:1.4.2 -- python train.py
        ```

        > quoted & <escaped>
        """;

    private HarborFixture _harbor = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _harbor = await HarborFixture.StartAsync();
        _harbor.Server.AddProject("ml", isPublic: true);
        var repository = _harbor.Server.AddRepository("ml", "team/trainer", Description, "0.9");
        _harbor.Server.AddArtifact(repository, "1.4.2", "latest");
        _harbor.Settings();
    }

    [TearDown]
    public async Task StopAsync() => await _harbor.DisposeAsync();

    [Test]
    public async Task Without_tag_shows_rendered_description_and_all_tags()
    {
        var result = await _harbor.RunAsync("image-details", "-i", "team/trainer");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().NotContain("\u001b[", "output is redirected, so plain text");
        var expectedDescription = """
            ResNet trainer
            ==============

            Trains ResNet models on your data. See the docs (https://docs.example/trainer) or https://example.org.

            Usage
            -----

            - mount data on `/data`
            - pick a flavor
              - nested item

            1. first
            2. second

                jobman submit -i team/trainer:1.4.2 -- python train.py

            > quoted & <escaped>
            """;
        result.Stdout.Should().Contain(expectedDescription.ReplaceLineEndings("\n"));
        result.Stdout.Should().StartWith("team/trainer\n\n");
        var tagLines = result.Stdout.Split('\n').SkipWhile(l => !l.StartsWith("TAG", StringComparison.Ordinal)).Where(l => l.Length > 0).ToList();
        tagLines[0].Should().MatchRegex("^TAG +DIGEST +SIZE +PUSHED$");
        tagLines.Skip(1).Select(l => l.Split(' ')[0]).Should().Equal("1.4.2", "latest", "0.9");
        tagLines[1].Should().MatchRegex(@"^1\.4\.2 +sha256:[0-9a-f]{64} +[0-9.]+ (MiB|GiB) +2026-11-01 \d\d:\d\d:\d\d UTC$");
        _harbor.Server.Requests.Should().NotContain(r => r.Path == "/api/v2.0/projects/ml/repositories", "a direct GET, not a scan");
    }

    [Test]
    public async Task With_tag_shows_that_tags_artifact()
    {
        var artifact = _harbor.Server.Requests.Count; // nothing yet
        artifact.Should().Be(0);

        var result = await _harbor.RunAsync("image-details", "-i", "team/trainer:latest", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var json = JsonNode.Parse(result.Stdout)!;
        var selected = json["selectedTag"]!;
        selected["name"]!.GetValue<string>().Should().Be("latest");
        selected["digest"]!.GetValue<string>().Should().MatchRegex("^sha256:[0-9a-f]{64}$");
        selected["size"]!.GetValue<long>().Should().BePositive();
        selected["pushedAt"]!.GetValue<string>().Should().StartWith("2026-11-01T");
        json["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).Should().BeEquivalentTo("1.4.2", "latest", "0.9");
        json["tags"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == "1.4.2")!["digest"]!.GetValue<string>()
            .Should().Be(selected["digest"]!.GetValue<string>(), "1.4.2 and latest are the same artifact");
        json["description"]!.GetValue<string>().Should().Contain("> quoted & <escaped>", "Harbor's HTML escaping is undone");
        _harbor.Server.Requests.Should().Contain(r => r.Path == "/api/v2.0/projects/ml/repositories/team%252Ftrainer/artifacts/latest");

        var table = await _harbor.RunAsync("image-details", "-i", "team/trainer:0.9");
        table.ExitCode.Should().Be(0, table.ToString());
        table.Stdout.Split('\n').Where(l => l.Length > 0).Last().Should().StartWith("0.9 ");
    }

    [Test]
    public async Task Yaml_output()
    {
        var result = await _harbor.RunAsync("image-details", "-i", "team/trainer", "-o", "yaml");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("name: team/trainer").And.Contain("registry: harbor").And.Contain("project: ml");
    }

    [TestCase("nope", "image 'nope' not found")]
    [TestCase("team/trainer:9.9", "image 'team/trainer:9.9' not found")]
    public async Task Unknown_image_or_tag_is_one_line_and_exit_1(string image, string message)
    {
        var result = await _harbor.RunAsync("image-details", "-i", image);

        result.SingleErrorLine().Should().Contain(message);
        result.Stdout.Should().BeEmpty();
    }

    [Test]
    public async Task Name_with_project_or_registry_prefix_is_found()
    {
        var host = new Uri(_harbor.Server.Url).Authority;

        (await _harbor.RunAsync("image-details", "-i", "ml/team/trainer")).ExitCode.Should().Be(0);
        (await _harbor.RunAsync("image-details", "-i", $"{host}/ml/team/trainer:latest")).ExitCode.Should().Be(0);
    }

    [Test]
    public async Task No_color_flag_gives_plain_markdown()
    {
        var result = await _harbor.RunAsync("image-details", "-i", "team/trainer", "--no-color");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().NotContain("\u001b[").And.Contain("- pick a flavor");
    }
}
