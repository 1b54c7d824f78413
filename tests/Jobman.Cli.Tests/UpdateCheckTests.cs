using System.Text.Json.Nodes;
using Jobman.Testing.Cli;
using Jobman.Testing.NuGet;

namespace Jobman.Cli.Tests;

/// <summary>The new-version check against a local NuGet v3 feed (service index + flat container).</summary>
public class UpdateCheckTests
{
    private const string Notice = @"jobman 9\.1\.0 is available \(this is \d+\.\d+\.\d+\S*\): update with 'dotnet tool update -g jobman'\n";

    private NuGetFeedServer _feed = null!;
    private JobmanRunner _runner = null!;

    [SetUp]
    public async Task StartFeedAsync()
    {
        _feed = await NuGetFeedServer.StartAsync();
        _feed.Publish("jobman", "1.0.0", "9.1.0", "10.0.0-beta.1");
        _feed.Publish("jobman.linux-x64", "99.0.0");
        _runner = new JobmanRunner();
        _runner.Environment.Remove("JOBMAN_NO_UPDATE_CHECK");
    }

    [TearDown]
    public async Task StopFeedAsync()
    {
        _runner.Dispose();
        await _feed.DisposeAsync();
    }

    private string CacheFile => Path.Combine(_runner.HomeDirectory, ".jobman", "cache", "update-check.json");

    [Test]
    public async Task A_newer_version_is_announced_on_stderr_from_the_cached_answer_and_the_feed_is_asked_once_per_interval()
    {
        _runner.WithUserSettings(Settings("24h", "Ask your admin first: https://wiki.example/jobman"));

        var first = await _runner.RunAsync("resources-flavors");
        await CachedLatestAsync("9.1.0");
        var second = await _runner.RunAsync("resources-flavors");
        var third = await _runner.RunAsync("resources-flavors", "-o", "json");

        first.ExitCode.Should().Be(0, first.ToString());
        first.Stderr.Should().BeEmpty("the answer arrives in the background and is shown by a later command");
        second.ExitCode.Should().Be(0, second.ToString());
        second.Stdout.Should().Be(first.Stdout);
        second.Stderr.Should().MatchRegex("^" + Notice + @"Ask your admin first: https://wiki\.example/jobman\n$");
        JsonNode.Parse(third.Stdout).Should().NotBeNull("stdout stays clean for pipes");
        _feed.Requests.Should().Equal("/v3/index.json", "/v3-flatcontainer/jobman/index.json");
    }

    [Test]
    public async Task A_feed_that_does_not_answer_never_delays_or_fails_a_command()
    {
        _runner.WithUserSettings(Settings("1s"));
        _feed.Hold();

        var result = await _runner.RunAsync("resources-flavors");
        var finishedWhenDone = _feed.Finished;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_feed.Requests.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        // The command ended while the feed still held the check's first request: nothing waited for it.
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("no-gpu");
        result.Stderr.Should().BeEmpty();
        finishedWhenDone.Should().Be(0);
        _feed.Requests.Should().Equal("/v3/index.json");
        _feed.Finished.Should().Be(0);
        _feed.Release();
    }

    [Test]
    public async Task An_unreachable_feed_says_nothing()
    {
        var url = _feed.ServiceIndex;
        await _feed.DisposeAsync();
        _runner.WithUserSettings(Settings("24h").Replace(_feed.ServiceIndex, url, StringComparison.Ordinal));

        var first = await _runner.RunAsync("resources-flavors");
        var second = await _runner.RunAsync("resources-flavors");

        first.Stderr.Should().BeEmpty();
        second.ExitCode.Should().Be(0);
        second.Stderr.Should().BeEmpty();
    }

    [Test]
    public async Task The_check_is_off_by_environment_or_settings()
    {
        _runner.WithUserSettings(Settings("1s"));
        _runner.Environment["JOBMAN_NO_UPDATE_CHECK"] = "1";
        await _runner.RunAsync("resources-flavors");

        _runner.Environment.Remove("JOBMAN_NO_UPDATE_CHECK");
        _runner.WithUserSettings(Settings("never"));
        await _runner.RunAsync("resources-flavors");

        _runner.WithUserSettings(Settings("soon"));
        var malformed = await _runner.RunAsync("resources-flavors");

        _feed.Requests.Should().BeEmpty();
        File.Exists(CacheFile).Should().BeFalse();
        malformed.ExitCode.Should().Be(0, malformed.ToString());
        malformed.Stderr.Should().Be("warning: settings newVersion.check 'soon' is not an interval: use e.g. 24h, 7d or 30m, or 'never'; the new-version check is off\n");
    }

    [Test]
    public async Task The_feed_jobman_was_installed_from_is_asked_and_a_due_cache_is_refreshed()
    {
        // The layout 'dotnet tool install -g' leaves: the package's .nupkg.metadata names its source.
        var store = Path.Combine(_runner.HomeDirectory, ".dotnet", "tools", ".store", "jobman", "2.0.0", "jobman", "2.0.0");
        var toolDirectory = Path.Combine(store, "tools", "net10.0", "any");
        Directory.CreateDirectory(toolDirectory);
        foreach (var file in new[] { "settings.template.json" })
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, file), Path.Combine(toolDirectory, file));
        }

        await File.WriteAllTextAsync(Path.Combine(store, ".nupkg.metadata"), $$"""{"version":2,"contentHash":"abc=","source":"{{_feed.ServiceIndex}}"}""");
        _runner.ToolDirectory = toolDirectory;
        Directory.CreateDirectory(Path.GetDirectoryName(CacheFile)!);
        await File.WriteAllTextAsync(CacheFile, $$"""{"checkedAt":"2020-01-01T00:00:00Z","source":"{{_feed.ServiceIndex}}","latest":"1.0.0"}""");

        var stale = await _runner.RunAsync("resources-flavors");
        await CachedLatestAsync("9.1.0");
        var fresh = await _runner.RunAsync("resources-flavors");

        stale.Stderr.Should().BeEmpty("1.0.0 is not newer");
        fresh.Stderr.Should().MatchRegex("^" + Notice + "$");
        _feed.Requests.Should().Equal("/v3/index.json", "/v3-flatcontainer/jobman/index.json");
    }

    private string Settings(string check, string? customMessage = null) => new JsonObject
    {
        ["newVersion"] = new JsonObject
        {
            ["repository"] = _feed.ServiceIndex,
            ["check"] = check,
            ["customMessage"] = customMessage,
        },
    }.ToJsonString();

    private async Task CachedLatestAsync(string version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(File.Exists(CacheFile) && (string?)JsonNode.Parse(await File.ReadAllTextAsync(CacheFile))!["latest"] == version))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"the cache never held {version}: {(File.Exists(CacheFile) ? await File.ReadAllTextAsync(CacheFile) : "(none)")}");
            }

            await Task.Delay(10);
        }
    }
}
