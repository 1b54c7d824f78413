using System.Text.Json.Nodes;
using Jobman.Plugins.OciRegistry.Tests.Infrastructure;

namespace Jobman.Plugins.OciRegistry.Tests;

/// <summary><c>jobman images</c> through the real host against the real anonymous registry (126 repositories).</summary>
public sealed class ImagesTests
{

    [Test]
    public async Task Json_lists_every_repository_across_catalog_pages_in_catalog_order()
    {
        using var runner = Registries.Runner(Registries.Plain);

        var result = await runner.RunAsync("images", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var repositories = JsonNode.Parse(result.Stdout)!.AsArray();
        repositories.Select(r => (string)r!["name"]!).Should().Equal(Registries.PlainRepositories, "the catalog has 126 repositories: more than one page of 100");
        var trainer = repositories.Single(r => (string)r!["name"]! == "ml/trainer")!;
        trainer["tags"]!.AsArray().Select(t => (string)t!).Should().Equal("1.0", "2.0", "latest");
        trainer["registry"]!.GetValue<string>().Should().Be("oci");
        trainer["pullPrefix"]!.GetValue<string>().Should().Be(Registries.Plain.HostPort + "/");
        repositories.Where(r => ((string)r!["name"]!).StartsWith("bulk/", StringComparison.Ordinal))
            .Should().OnlyContain(r => r!["tags"]!.AsArray().Single()!.GetValue<string>() == "1.0");
        result.Stderr.Should().BeEmpty();
    }

    [Test]
    public async Task Table_shows_one_row_per_repository_with_its_tags()
    {
        using var runner = Registries.Runner(Registries.Plain);

        var result = await runner.RunAsync("images");

        result.ExitCode.Should().Be(0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain(l => l.StartsWith("ml/trainer ", StringComparison.Ordinal) && l.TrimEnd().EndsWith("1.0  2.0  latest", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("bulk/app-119 ", StringComparison.Ordinal));
        lines.Count(l => l.StartsWith("bulk/app-", StringComparison.Ordinal)).Should().Be(Registries.BulkCount);
    }

    [Test]
    public async Task Yaml_lists_the_repositories()
    {
        using var runner = Registries.Runner(Registries.Plain);

        var result = await runner.RunAsync("images", "-o", "yaml");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("ml/multiarch").And.Contain("bulk/app-000").And.Contain("pullPrefix");
    }

    [Test]
    public async Task Repositories_setting_keeps_only_matching_prefixes()
    {
        using var runner = Registries.Runner(Registries.Plain, new JsonObject
        {
            ["repositories"] = new JsonArray("ml/", "bulk/app-11"),
            ["pullPrefix"] = "registry.example.test/",
        });

        var result = await runner.RunAsync("images", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var repositories = JsonNode.Parse(result.Stdout)!.AsArray();
        repositories.Select(r => (string)r!["name"]!).Should().Equal(
            Enumerable.Range(110, 10).Select(Registries.BulkName).Concat(Registries.PlainRepositories.Where(n => n.StartsWith("ml/", StringComparison.Ordinal))));
        repositories.Should().OnlyContain(r => (string)r!["pullPrefix"]! == "registry.example.test/");
    }

    [Test]
    public async Task Image_registry_setting_selects_the_oci_registry()
    {
        using var runner = Registries.Runner(Registries.Plain, topLevel: new JsonObject { ["imageRegistry"] = "oci" });

        var result = await runner.RunAsync("images", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        JsonNode.Parse(result.Stdout)!.AsArray().Should().HaveCount(Registries.PlainRepositories.Count);
    }

    [Test]
    public async Task Registry_option_selects_the_oci_registry()
    {
        using var runner = Registries.Runner(Registries.Plain, topLevel: new JsonObject { ["imageRegistry"] = "harbor" });

        var result = await runner.RunAsync("image-details", "-i", "ml/trainer:1.0", "--registry", "oci", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        JsonNode.Parse(result.Stdout)!["registry"]!.GetValue<string>().Should().Be("oci");
    }

    [Test]
    public async Task Registry_option_unknown_name_is_a_usage_error()
    {
        using var runner = Registries.Runner(Registries.Plain);

        var result = await runner.RunAsync("images", "--registry", "quay");

        result.ExitCode.Should().Be(2);
        result.Stderr.Trim().Should().Be("error: unknown image registry 'quay'; available: oci");
    }

    [Test]
    public async Task Registry_option_oci_without_url_says_what_to_set()
    {
        using var runner = new Testing.Cli.JobmanRunner().WithPlugin(new OciRegistryPlugin());

        var result = await runner.RunAsync("images", "--registry", "oci");

        result.ExitCode.Should().Be(2);
        result.Stderr.Trim().Should().Be("error: the 'oci' registry is not configured: set 'ociRegistry.url' in settings");
    }

    [Test]
    public async Task Not_configured_is_a_usage_error_naming_the_section()
    {
        using var runner = new Testing.Cli.JobmanRunner().WithPlugin(new OciRegistryPlugin());

        var result = await runner.RunAsync("images");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("ociRegistry");
    }

    [Test]
    public async Task Settings_section_is_declared_so_the_host_does_not_warn()
    {
        using var runner = Registries.Runner(Registries.Plain, new JsonObject { ["repositories"] = new JsonArray("ml/trainer") });

        var result = await runner.RunAsync("images");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().NotContain("unknown settings keys");
    }

    [Test]
    public async Task Unreachable_fails_with_one_line()
    {
        var port = FreePort.Next();
        using var runner = new Testing.Cli.JobmanRunner().WithPlugin(new OciRegistryPlugin())
            .WithUserSettings(new JsonObject { ["ociRegistry"] = new JsonObject { ["url"] = $"http://127.0.0.1:{port}" } }.ToJsonString());

        var result = await runner.RunAsync("images");

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().StartWith($"error: cannot reach http://127.0.0.1:{port} to get the repository catalog: Connection refused");
        result.Stderr.TrimEnd().Split('\n').Should().ContainSingle();
    }
}
