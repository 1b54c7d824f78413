using System.Text.Json.Nodes;

namespace Jobman.Plugins.OciRegistry.Tests;

/// <summary>The real registry with htpasswd basic auth.</summary>
public sealed class BasicAuthTests
{
    [Test]
    public async Task Username_in_settings_password_from_environment_lists_and_describes()
    {
        using var runner = Registries.Runner(Registries.Basic, new JsonObject { ["username"] = Registries.User });
        runner.Environment["JOBMAN_OCI_PASSWORD"] = Registries.Password;

        var images = await runner.RunAsync("images", "-o", "json");
        var details = await runner.RunAsync("image-details", "-i", "secure/app:1.0", "-o", "json");

        images.ExitCode.Should().Be(0, images.ToString());
        JsonNode.Parse(images.Stdout)!.AsArray().Select(r => (string)r!["name"]!).Should().Equal("secure/app");
        details.ExitCode.Should().Be(0, details.ToString());
        JsonNode.Parse(details.Stdout)!["selectedTag"]!["digest"]!.GetValue<string>().Should().Be(Registries.TrainerV1.Manifest.Digest);
        (images.Stdout + images.Stderr + details.Stdout + details.Stderr).Should().NotContain(Registries.Password);
    }

    [Test]
    public async Task Credentials_over_plain_http_to_a_non_loopback_host_warn_before_sending()
    {
        // 0.0.0.0 is not loopback, and .NET refuses it as a target without touching the network.
        using var runner = Registries.Runner(Registries.Basic, new JsonObject { ["url"] = $"http://0.0.0.0:{Registries.Basic.Port}" });
        runner.Environment["JOBMAN_OCI_USERNAME"] = Registries.User;
        runner.Environment["JOBMAN_OCI_PASSWORD"] = Registries.Password;

        var result = await runner.RunAsync("images");

        var lines = result.Stderr.TrimEnd().Split(Environment.NewLine);
        lines[0].Should().Be(
            $"warning: registry credentials of user 'jobman-test' are sent unencrypted to http://0.0.0.0:{Registries.Basic.Port}; use an https:// 'ociRegistry.url'");
        lines.Should().HaveCount(2);
        result.Stderr.Should().NotContain(Registries.Password);
    }

    [TestCase("http://jobman-test:pa55-w0rd-test@127.0.0.1:5000", "error: settings key 'ociRegistry.url' must not contain credentials: use 'ociRegistry.username' and JOBMAN_OCI_PASSWORD")]
    [TestCase("ftp://pa55-w0rd-test@127.0.0.1", "error: settings key 'ociRegistry.url' is not an http(s) URL")]
    public async Task Bad_url_is_a_usage_error_without_echoing_it(string url, string expected)
    {
        using var runner = Registries.Runner(Registries.Basic, new JsonObject { ["url"] = url });

        var result = await runner.RunAsync("images");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Be(expected + Environment.NewLine);
    }

    [Test]
    public async Task Username_and_password_from_environment()
    {
        using var runner = Registries.Runner(Registries.Basic);
        runner.Environment["JOBMAN_OCI_USERNAME"] = Registries.User;
        runner.Environment["JOBMAN_OCI_PASSWORD"] = Registries.Password;

        var result = await runner.RunAsync("images");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("secure/app");
    }

    [Test]
    public async Task Password_env_names_the_variable_holding_the_password()
    {
        using var runner = Registries.Runner(Registries.Basic, new JsonObject { ["username"] = Registries.User, ["passwordEnv"] = "TEAM_REGISTRY_PASSWORD" });
        runner.Environment["TEAM_REGISTRY_PASSWORD"] = Registries.Password;

        var result = await runner.RunAsync("images");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("secure/app");
    }

    [Test]
    public async Task Wrong_password_fails_401_with_one_line_without_printing_it()
    {
        using var runner = Registries.Runner(Registries.Basic, new JsonObject { ["username"] = Registries.User });
        runner.Environment["JOBMAN_OCI_PASSWORD"] = "not-the-password";

        var result = await runner.RunAsync("images");

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Be(
            $"error: registry {Registries.Basic.BaseUrl} rejected the credentials of user 'jobman-test' for the repository catalog (401 UNAUTHORIZED: authentication required){Environment.NewLine}");
        result.Stderr.Should().NotContain("not-the-password");
    }

    [Test]
    public async Task No_credentials_fails_401_saying_what_to_set()
    {
        using var runner = Registries.Runner(Registries.Basic);

        var result = await runner.RunAsync("image-details", "-i", "secure/app:1.0");

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Be(
            $"error: registry {Registries.Basic.BaseUrl} requires authentication for repository 'secure/app' (401 UNAUTHORIZED: authentication required); set 'ociRegistry.username' and JOBMAN_OCI_PASSWORD (or 'ociRegistry.credentialsFile'){Environment.NewLine}");
    }

    [Test]
    public async Task Username_without_password_is_a_usage_error()
    {
        using var runner = Registries.Runner(Registries.Basic, new JsonObject { ["username"] = Registries.User });

        var result = await runner.RunAsync("images");

        result.ExitCode.Should().Be(2);
        result.Stderr.Trim().Should().Be("error: registry user 'jobman-test' has no password: set JOBMAN_OCI_PASSWORD, 'ociRegistry.passwordEnv' or 'ociRegistry.credentialsFile'");
    }

    [Test]
    public async Task Credentials_file_mode_0600_is_used_silently()
    {
        using var runner = Registries.Runner(Registries.Basic, new JsonObject { ["credentialsFile"] = "~/.jobman/registry.json" });
        var file = WriteCredentials(runner.HomeDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var result = await runner.RunAsync("images");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("secure/app");
        result.Stderr.Should().BeEmpty();
        File.Exists(file).Should().BeTrue();
    }

    [Test]
    public async Task Credentials_file_readable_by_others_warns()
    {
        using var runner = Registries.Runner(Registries.Basic, new JsonObject { ["credentialsFile"] = "~/.jobman/registry.json" });
        var file = WriteCredentials(runner.HomeDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = await runner.RunAsync("images");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Trim().Should().Be($"warning: credentials file '{file}' is accessible by group or others (mode 0644); run: chmod 600 '{file}'");
        result.Stderr.Should().NotContain(Registries.Password);
    }

    [Test]
    public async Task Credentials_file_missing_is_a_usage_error()
    {
        using var runner = Registries.Runner(Registries.Basic, new JsonObject { ["credentialsFile"] = "~/.jobman/none.json" });

        var result = await runner.RunAsync("images");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("none.json").And.Contain("does not exist");
    }

    private static string WriteCredentials(string home, UnixFileMode mode)
    {
        var file = Path.Combine(home, ".jobman", "registry.json");
        File.WriteAllText(file, new JsonObject { ["username"] = Registries.User, ["password"] = Registries.Password }.ToJsonString());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, mode);
        }

        return file;
    }
}
