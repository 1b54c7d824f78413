using System.Runtime.Versioning;
using System.Text.Json.Nodes;

namespace Jobman.Plugins.Harbor.Tests;

/// <summary>Anonymous access, users and robots from env vars or a credentials file; secrets never printed.</summary>
[UnsupportedOSPlatform("windows")]
[Platform(Exclude = "Win", Reason = "file mode checks are Unix-only")]
public sealed class AuthenticationTests
{
    private const string Secret = "s3cr3t-Harbor12345";
    private HarborFixture _harbor = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _harbor = await HarborFixture.StartAsync();
        _harbor.Server.AddProject("ml", isPublic: false);
        _harbor.Server.AddProject("other", isPublic: false);
        _harbor.Server.AddRepository("ml", "trainer", null, "1.0");
        _harbor.Server.AddUser("alice", Secret, "ml");
        _harbor.Server.AddUser("bob", Secret, "other");
        _harbor.Settings();
    }

    [TearDown]
    public async Task StopAsync() => await _harbor.DisposeAsync();

    [Test]
    public async Task Anonymous_on_private_project_is_401_with_a_hint()
    {
        var result = await _harbor.RunAsync("images");

        var line = result.SingleErrorLine();
        line.Should().Contain($"Harbor at {_harbor.Server.Url} refused anonymous access (401 unauthorized): unauthorized")
            .And.Contain("JOBMAN_HARBOR_USERNAME").And.Contain($"GET {_harbor.Server.Url}/api/v2.0/projects/ml/repositories?page=1");
        _harbor.Server.Requests.Should().OnlyContain(r => !r.HadAuthorization);
    }

    [Test]
    public async Task Public_project_needs_no_credentials()
    {
        _harbor.Server.AddProject("pub", isPublic: true);
        _harbor.Server.AddRepository("pub", "python", null, "3.12");
        _harbor.Settings(project: "pub");

        var result = await _harbor.RunAsync("images", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("\"python\"");
        _harbor.Server.Requests.Should().OnlyContain(r => !r.HadAuthorization);
    }

    [Test]
    public async Task Default_env_vars_authenticate_and_the_secret_is_never_printed()
    {
        _harbor.Runner.Environment["JOBMAN_HARBOR_USERNAME"] = "alice";
        _harbor.Runner.Environment["JOBMAN_HARBOR_PASSWORD"] = Secret;

        var list = await _harbor.RunAsync("images");
        var details = await _harbor.RunAsync("image-details", "-i", "trainer:1.0", "-o", "json");

        list.ExitCode.Should().Be(0, list.ToString());
        list.Stdout.Should().Contain("trainer");
        details.ExitCode.Should().Be(0, details.ToString());
        _harbor.Server.Requests.Should().OnlyContain(r => r.User == "alice");
        foreach (var run in new[] { list, details })
        {
            (run.Stdout + run.Stderr).Should().NotContain(Secret);
        }
    }

    [Test]
    public async Task Robot_account_from_username_and_password_env()
    {
        var robot = _harbor.Server.AddRobot("ml", "ci", "robot-secret-value");
        _harbor.Runner.Environment["CI_HARBOR_SECRET"] = "robot-secret-value";
        _harbor.Settings(h =>
        {
            h["username"] = robot;
            h["passwordEnv"] = "CI_HARBOR_SECRET";
        });

        var result = await _harbor.RunAsync("images");

        result.ExitCode.Should().Be(0, result.ToString());
        _harbor.Server.Requests.Should().OnlyContain(r => r.User == "robot$ml+ci");
    }

    [Test]
    public async Task Wrong_password_is_401_without_leaking_it()
    {
        _harbor.Runner.Environment["JOBMAN_HARBOR_USERNAME"] = "alice";
        _harbor.Runner.Environment["JOBMAN_HARBOR_PASSWORD"] = "wrong-password-xyz";

        var result = await _harbor.RunAsync("images", "--verbose");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().StartWith("error: Harbor at ").And.Contain("refused your credentials (401 unauthorized)");
        (result.Stdout + result.Stderr).Should().NotContain("wrong-password-xyz").And.NotContain("Authorization").And.NotContain("Basic ");
        _harbor.Server.Requests.Should().OnlyContain(r => r.HadAuthorization);
    }

    [Test]
    public async Task Member_of_another_project_gets_403()
    {
        _harbor.Runner.Environment["JOBMAN_HARBOR_USERNAME"] = "bob";
        _harbor.Runner.Environment["JOBMAN_HARBOR_PASSWORD"] = Secret;

        var result = await _harbor.RunAsync("images");

        result.SingleErrorLine().Should().Contain("Harbor user has no access to project 'ml'").And.Contain("(403 forbidden): forbidden");
        result.Stderr.Should().NotContain(Secret);
    }

    [Test]
    public async Task Missing_project_seen_by_an_admin_is_404()
    {
        _harbor.Server.AddAdmin("admin", Secret);
        _harbor.Runner.Environment["JOBMAN_HARBOR_USERNAME"] = "admin";
        _harbor.Runner.Environment["JOBMAN_HARBOR_PASSWORD"] = Secret;
        _harbor.Settings(project: "no-such-project");

        var images = await _harbor.RunAsync("images");
        var details = await _harbor.RunAsync("image-details", "-i", "trainer");

        images.SingleErrorLine().Should().Contain("Harbor project 'no-such-project' not found").And.Contain("project no-such-project not found");
        details.SingleErrorLine().Should().Contain("Harbor project 'no-such-project' not found");
    }

    [Test]
    public async Task Credentials_file_0600_is_used_silently()
    {
        var path = WriteCredentialsFile(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _harbor.Settings(h => h["credentialsFile"] = path);

        var result = await _harbor.RunAsync("images");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().BeEmpty();
        _harbor.Server.Requests.Should().OnlyContain(r => r.User == "alice");
    }

    [Test]
    public async Task Credentials_file_readable_by_others_warns_every_run()
    {
        var path = WriteCredentialsFile(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        _harbor.Settings(h => h["credentialsFile"] = "~/harbor-credentials.json");

        var result = await _harbor.RunAsync("images");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Trim().Should().Be($"warning: credentials file '{path}' is accessible by group or others (mode 0644); run: chmod 600 '{path}'");
        (result.Stdout + result.Stderr).Should().NotContain(Secret);
    }

    [Test]
    public async Task Malformed_credentials_file_is_a_usage_error_without_its_content()
    {
        var path = Path.Combine(_harbor.Runner.HomeDirectory, "harbor-credentials.json");
        File.WriteAllText(path, "{\"username\": \"alice\", \"password\": \"" + Secret + "\"");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _harbor.Settings(h => h["credentialsFile"] = path);

        var result = await _harbor.RunAsync("images");

        result.SingleErrorLine(exitCode: 2).Should().Contain("must be a JSON object");
        result.Stderr.Should().NotContain(Secret);
    }

    [Test]
    public async Task Password_env_naming_an_unset_variable_is_a_usage_error()
    {
        _harbor.Settings(h =>
        {
            h["username"] = "alice";
            h["passwordEnv"] = "NOT_SET_ANYWHERE";
        });

        var result = await _harbor.RunAsync("images");

        result.SingleErrorLine(exitCode: 2).Should().Contain("NOT_SET_ANYWHERE");
        _harbor.Server.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Not_configured_harbor_is_not_queried()
    {
        _harbor.Runner.WithUserSettings(new JsonObject { ["harbor"] = null }.ToJsonString());

        var result = await _harbor.RunAsync("images");

        result.SingleErrorLine(exitCode: 2).Should().Contain("no image registry is configured");
    }

    private string WriteCredentialsFile(UnixFileMode mode)
    {
        var path = Path.Combine(_harbor.Runner.HomeDirectory, "harbor-credentials.json");
        File.WriteAllText(path, new JsonObject { ["username"] = "alice", ["password"] = Secret }.ToJsonString());
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
