using System.Text.Json.Nodes;

namespace Jobman.Plugins.OciRegistry.Tests;

/// <summary>The real registry with <c>auth: token</c>, trusting the test's token server.</summary>
public sealed class TokenAuthTests
{
    [Test]
    public async Task With_credentials_gets_scoped_tokens_and_lists_and_describes()
    {
        using var runner = Registries.Runner(Registries.Token, new JsonObject { ["username"] = Registries.User });
        runner.Environment["JOBMAN_OCI_PASSWORD"] = Registries.Password;
        var before = Registries.TokenServer.Requests.Count;

        var images = await runner.RunAsync("images", "-o", "json");
        var details = await runner.RunAsync("image-details", "-i", "team/tool:1.0", "-o", "json");

        images.ExitCode.Should().Be(0, images.ToString());
        JsonNode.Parse(images.Stdout)!.AsArray().Select(r => (string)r!["name"]!).Should().Equal("team/tool");
        details.ExitCode.Should().Be(0, details.ToString());
        var parsed = JsonNode.Parse(details.Stdout)!;
        parsed["description"]!.GetValue<string>().Should().Be(Registries.TrainerDescription);
        parsed["selectedTag"]!["digest"]!.GetValue<string>().Should().Be(Registries.TrainerV1.Manifest.Digest);

        var requests = Registries.TokenServer.Requests.Skip(before).ToList();
        requests.Should().OnlyContain(r => r.User == Registries.User && r.Status == 200 && r.Service == "jobman-test-registry");
        requests.SelectMany(r => r.Scopes).Distinct().Should().BeEquivalentTo("registry:catalog:*", "repository:team/tool:pull");
    }

    [Test]
    public async Task Wrong_password_fails_with_the_token_servers_answer()
    {
        using var runner = Registries.Runner(Registries.Token, new JsonObject { ["username"] = Registries.User });
        runner.Environment["JOBMAN_OCI_PASSWORD"] = "wrong-password";

        var result = await runner.RunAsync("images");

        result.ExitCode.Should().Be(1);
        var tokenServer = new Uri(Registries.TokenServer.Realm).GetLeftPart(UriPartial.Authority);
        result.Stderr.Should().Be(
            $"error: token server {tokenServer} of registry {Registries.Token.BaseUrl} rejected the credentials of user 'jobman-test' (401 UNAUTHORIZED: invalid username or password){Environment.NewLine}");
    }

    [Test]
    public async Task Anonymous_fails_saying_what_to_set()
    {
        using var runner = Registries.Runner(Registries.Token);

        var result = await runner.RunAsync("image-details", "-i", "team/tool:1.0");

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Contain("refused anonymous access (401 UNAUTHORIZED: invalid username or password); set 'ociRegistry.username' and JOBMAN_OCI_PASSWORD");
        result.Stderr.TrimEnd().Split('\n').Should().ContainSingle();
    }
}
