using System.Text.Json.Nodes;

namespace Jobman.Plugins.OciRegistry.Tests;

/// <summary><c>jobman image-details</c> through the real host against the real anonymous registry.</summary>
public sealed class ImageDetailsTests
{
    [Test]
    public async Task With_tag_table_shows_description_digest_size_and_creation_time()
    {
        using var runner = Registries.Runner(Registries.Plain);

        var result = await runner.RunAsync("image-details", "-i", "ml/trainer:1.0");

        result.ExitCode.Should().Be(0, result.ToString());
        var image = Registries.TrainerV1;
        result.Stdout.Should().Contain("ml/trainer").And.Contain(Registries.TrainerDescription);
        var row = result.Stdout.Split('\n').Single(l => l.StartsWith("1.0 ", StringComparison.Ordinal));
        row.Should().Contain(image.Manifest.Digest).And.Contain($"{image.ImageSize} B").And.Contain("2025-01-02 03:04:05 UTC");
        result.Stdout.Should().Contain("Labels:\n").And.Contain("\n  maintainer=ml-team\n");
        result.Stderr.Should().BeEmpty();
    }

    [Test]
    public async Task With_tag_json_has_labels_digest_size_and_creation_time()
    {
        using var runner = Registries.Runner(Registries.Plain);

        var result = await runner.RunAsync("image-details", "-i", "ml/trainer:2.0", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var details = JsonNode.Parse(result.Stdout)!;
        details["name"]!.GetValue<string>().Should().Be("ml/trainer");
        details["description"]!.GetValue<string>().Should().Be(Registries.TrainerDescription + " (v2)");
        details["labels"]!["maintainer"]!.GetValue<string>().Should().Be("ml-team");
        details["labels"]!["org.opencontainers.image.version"]!.GetValue<string>().Should().Be("2.0");
        var selected = details["selectedTag"]!;
        selected["name"]!.GetValue<string>().Should().Be("2.0");
        selected["digest"]!.GetValue<string>().Should().Be(Registries.TrainerV2.Manifest.Digest);
        selected["size"]!.GetValue<long>().Should().Be(Registries.TrainerV2.ImageSize);
        DateTimeOffset.Parse(selected["pushedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be(new DateTimeOffset(2025, 6, 7, 8, 9, 10, TimeSpan.Zero));
        details["tags"]!.AsArray().Select(t => (string)t!["name"]!).Should().Equal("1.0", "2.0", "latest");
    }

    [Test]
    public async Task Without_tag_lists_every_tag_with_metadata_and_describes_latest()
    {
        using var runner = Registries.Runner(Registries.Plain);

        var result = await runner.RunAsync("image-details", "-i", "ml/trainer", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var details = JsonNode.Parse(result.Stdout)!;
        details["description"]!.GetValue<string>().Should().Be(Registries.TrainerDescription + " (v2)");
        details["selectedTag"].Should().BeNull();
        var tags = details["tags"]!.AsArray();
        tags.Select(t => (string)t!["digest"]!).Should().Equal(
            Registries.TrainerV1.Manifest.Digest, Registries.TrainerV2.Manifest.Digest, Registries.TrainerV2.Manifest.Digest);
        tags.Select(t => t!["size"]!.GetValue<long>()).Should().Equal(
            Registries.TrainerV1.ImageSize, Registries.TrainerV2.ImageSize, Registries.TrainerV2.ImageSize);
    }

    [Test]
    public async Task Without_tag_table_shows_one_row_per_tag()
    {
        using var runner = Registries.Runner(Registries.Plain);

        var result = await runner.RunAsync("image-details", "-i", "ml/trainer");

        result.ExitCode.Should().Be(0, result.ToString());
        var lines = result.Stdout.Split('\n');
        lines.Should().Contain(l => l.StartsWith("latest ", StringComparison.Ordinal) && l.Contains(Registries.TrainerV2.Manifest.Digest, StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("1.0 ", StringComparison.Ordinal) && l.Contains("2025-01-02 03:04:05 UTC", StringComparison.Ordinal));
    }

    [Test]
    public async Task Without_description_annotation_uses_the_description_label()
    {
        using var runner = Registries.Runner(Registries.Plain);

        var result = await runner.RunAsync("image-details", "-i", "ml/labelled:v1", "-o", "yaml");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain(Registries.LabelDescription).And.Contain("vision").And.Contain(Registries.Labelled.Manifest.Digest);
    }

    [Test]
    public async Task Index_resolves_the_linux_amd64_image_and_keeps_the_index_digest()
    {
        using var runner = Registries.Runner(Registries.Plain);

        var result = await runner.RunAsync("image-details", "-i", "ml/multiarch:1.0", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var details = JsonNode.Parse(result.Stdout)!;
        details["description"]!.GetValue<string>().Should().Be(Registries.MultiarchDescription);
        details["labels"]!["arch"]!.GetValue<string>().Should().Be("amd64", "the index lists arm64 first but linux/amd64 is chosen");
        details["selectedTag"]!["digest"]!.GetValue<string>().Should().Be(Registries.MultiarchIndex.Digest, "one pulls by the index digest");
        details["selectedTag"]!["size"]!.GetValue<long>().Should().Be(Registries.Amd64.ImageSize);
    }

    [Test]
    public async Task Without_tag_many_tags_inspects_the_first_hundred_and_says_so()
    {
        using var runner = Registries.Runner(Registries.Plain);

        var result = await runner.RunAsync("image-details", "-i", "ml/many-tags", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var tags = JsonNode.Parse(result.Stdout)!["tags"]!.AsArray();
        tags.Select(t => (string)t!["name"]!).Should().Equal(Registries.ManyTags);
        tags.Take(100).Should().OnlyContain(t => (string)t!["digest"]! == Registries.Bulk.Manifest.Digest);
        tags[100]!["digest"].Should().BeNull();
        result.Stderr.Trim().Should().Be("warning: 'ml/many-tags' has 101 tags: digest, size and time are shown for the first 100 (use -i ml/many-tags:TAG for another)");
    }

    [Test]
    public async Task Docker_v2_manifest_is_read()
    {
        using var runner = Registries.Runner(Registries.Plain);

        var result = await runner.RunAsync("image-details", "-i", "ml/docker-format:1.0", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var details = JsonNode.Parse(result.Stdout)!;
        details["description"]!.GetValue<string>().Should().Be("Docker format, amd64");
        details["selectedTag"]!["digest"]!.GetValue<string>().Should().Be(Registries.DockerAmd64.Manifest.Digest);
        details["selectedTag"]!["size"]!.GetValue<long>().Should().Be(Registries.DockerAmd64.ImageSize);
    }

    [Test]
    public async Task Docker_manifest_list_resolves_the_linux_amd64_image()
    {
        using var runner = Registries.Runner(Registries.Plain);

        var result = await runner.RunAsync("image-details", "-i", "ml/docker-list:1.0", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var details = JsonNode.Parse(result.Stdout)!;
        details["description"]!.GetValue<string>().Should().Be("Docker format, amd64");
        details["selectedTag"]!["digest"]!.GetValue<string>().Should().Be(Registries.DockerList.Digest);
        DateTimeOffset.Parse(details["selectedTag"]!["pushedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be(new DateTimeOffset(2024, 5, 2, 0, 0, 0, TimeSpan.Zero));
    }

    [Test]
    public async Task Name_with_the_registry_host_is_accepted()
    {
        using var runner = Registries.Runner(Registries.Plain);

        var result = await runner.RunAsync("image-details", "-i", $"{Registries.Plain.HostPort}/ml/trainer:1.0", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        JsonNode.Parse(result.Stdout)!["name"]!.GetValue<string>().Should().Be("ml/trainer");
    }

    [TestCase("nope/nothing", "error: image 'nope/nothing' not found (see 'jobman images')")]
    [TestCase("nope/nothing:1.0", "error: image 'nope/nothing:1.0' not found: no such repository or tag (see 'jobman images')")]
    [TestCase("ml/trainer:9.9", "error: image 'ml/trainer:9.9' not found: no such repository or tag (see 'jobman images')")]
    public async Task Unknown_fails_with_one_line(string image, string expected)
    {
        using var runner = Registries.Runner(Registries.Plain);

        var result = await runner.RunAsync("image-details", "-i", image);

        result.ExitCode.Should().Be(1);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Be(expected + Environment.NewLine);
    }

    [Test]
    public async Task Invalid_name_is_a_usage_error()
    {
        using var runner = Registries.Runner(Registries.Plain);

        var result = await runner.RunAsync("image-details", "-i", "ML/Trainer");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().StartWith("error: 'ML/Trainer' is not a valid repository name");
    }
}
