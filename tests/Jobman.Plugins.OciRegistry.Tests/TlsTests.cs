using System.Text.Json.Nodes;

namespace Jobman.Plugins.OciRegistry.Tests;

/// <summary>The real registry serving TLS with a self-signed certificate.</summary>
public sealed class TlsTests
{
    [Test]
    public async Task Default_verification_rejects_the_unknown_certificate_suggesting_ca_bundle()
    {
        using var runner = Registries.Runner(Registries.Tls);

        var result = await runner.RunAsync("images");

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().StartWith($"error: TLS certificate of {Registries.Tls.BaseUrl} is not trusted (UntrustedRoot)")
            .And.EndWith($"set 'ociRegistry.caBundle' to its certificate (PEM file){Environment.NewLine}");
        result.Stderr.TrimEnd().Split('\n').Should().ContainSingle();
    }

    [Test]
    public async Task Ca_bundle_trusts_the_registry()
    {
        using var runner = Registries.Runner(Registries.Tls, new JsonObject { ["caBundle"] = Registries.CaBundle });

        var images = await runner.RunAsync("images", "-o", "json");
        var details = await runner.RunAsync("image-details", "-i", "tls/app:1.0", "-o", "json");

        images.ExitCode.Should().Be(0, images.ToString());
        JsonNode.Parse(images.Stdout)!.AsArray().Select(r => (string)r!["name"]!).Should().Equal("tls/app");
        details.ExitCode.Should().Be(0, details.ToString());
        JsonNode.Parse(details.Stdout)!["selectedTag"]!["digest"]!.GetValue<string>().Should().Be(Registries.TrainerV1.Manifest.Digest);
        images.Stderr.Should().BeEmpty();
    }

    [Test]
    public async Task Ca_bundle_of_another_ca_still_rejects()
    {
        using var runner = Registries.Runner(Registries.Tls, new JsonObject { ["caBundle"] = Registries.TokenServer.RootCertBundle });

        var result = await runner.RunAsync("images");

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Contain("is not trusted").And.Contain("not signed by a CA of ociRegistry.caBundle");
    }

    [Test]
    public async Task Ca_bundle_missing_is_a_usage_error()
    {
        using var runner = Registries.Runner(Registries.Tls, new JsonObject { ["caBundle"] = "/nonexistent/ca.pem" });

        var result = await runner.RunAsync("images");

        result.ExitCode.Should().Be(2);
        result.Stderr.Trim().Should().Be("error: CA bundle '/nonexistent/ca.pem' (ociRegistry.caBundle) does not exist");
    }

    [Test]
    public async Task Insecure_skips_verification_with_a_warning()
    {
        using var runner = Registries.Runner(Registries.Tls, new JsonObject { ["insecure"] = true });

        var result = await runner.RunAsync("images");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("tls/app");
        result.Stderr.Trim().Should().Be($"warning: 'ociRegistry.insecure' is true: the TLS certificate of {Registries.Tls.BaseUrl} is NOT verified");
    }
}
