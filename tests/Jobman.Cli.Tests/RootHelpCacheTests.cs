using Jobman.Cli.PluginLoading;

namespace Jobman.Cli.Tests;

/// <summary>
/// The root help cache (~/.jobman/cache/root-help.txt): a second <c>--help</c> is answered from it without the plugin
/// manifest, and only while the host, the plugins and the bytes of the settings files are the ones it was written for.
/// "Answered from it" is observed by deleting the plugin manifest: any other path would load the plugins and write
/// the manifest again.
/// </summary>
public class RootHelpCacheTests : HelloPluginTest
{
    private string CacheFile => Path.Combine(Runner.HomeDirectory, ".jobman", "cache", "root-help.txt");

    private string ManifestFile => Path.Combine(Runner.HomeDirectory, ".jobman", "cache", "plugins.json");

    private string UserSettings => Path.Combine(Runner.HomeDirectory, ".jobman", "settings.json");

    [Test]
    public async Task Second_help_is_answered_from_the_cache_alone()
    {
        var first = await Runner.RunAsync("--help");
        File.Delete(ManifestFile);

        var second = await Runner.RunAsync("--help");
        var shortOption = await Runner.RunAsync("-h");

        first.ExitCode.Should().Be(0, first.ToString());
        File.Exists(CacheFile).Should().BeTrue();
        foreach (var result in new[] { second, shortOption })
        {
            result.ExitCode.Should().Be(0, result.ToString());
            result.Stdout.Should().Be(first.Stdout);
            result.Stderr.Should().BeEmpty();
        }

        File.Exists(ManifestFile).Should().BeFalse("nothing was loaded, so nothing was written");
    }

    [Test]
    public async Task Settings_of_the_same_size_and_time_but_other_bytes_are_parsed_again()
    {
        Runner.WithUserSettings("""{ "aaaa": 1 }""");
        var time = File.GetLastWriteTimeUtc(UserSettings);
        var first = await Runner.RunAsync("--help");
        await File.WriteAllTextAsync(UserSettings, """{ "bbbb": 1 }""");
        File.SetLastWriteTimeUtc(UserSettings, time);

        var second = await Runner.RunAsync("--help");
        File.Delete(ManifestFile);
        var third = await Runner.RunAsync("--help");

        first.Stderr.Should().StartWith("warning: unknown settings keys ignored: aaaa (from ").And.EndWith($"{UserSettings})\n");
        second.Stderr.Should().StartWith("warning: unknown settings keys ignored: bbbb (from ").And.EndWith($"{UserSettings})\n");
        third.Stderr.Should().Be(second.Stderr, "the cache was written again for the new bytes");
        third.Stdout.Should().Be(first.Stdout);
        File.Exists(ManifestFile).Should().BeFalse();
    }

    [Test]
    public async Task Broken_settings_are_reported_although_the_help_was_cached()
    {
        (await Runner.RunAsync("--help")).ExitCode.Should().Be(0);
        Runner.WithUserSettings("""{ "job": """);

        var result = await Runner.RunAsync("--help");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().StartWith($"error: settings file '{UserSettings}' is not valid JSON");
    }

    [Test]
    public async Task Another_plugin_set_is_not_answered_from_the_cache()
    {
        (await Runner.RunAsync("--help")).ExitCode.Should().Be(0);
        Runner.Environment["JOBMAN_PLUGINS_PATH"] = Folders.Root(Hello, "Jobman.TestPlugins.Throwing");

        var result = await Runner.RunAsync("--help");

        result.Stderr.Should().MatchRegex("warning: plugin 'Jobman.TestPlugins.Throwing' .* was skipped");
    }

    [Test]
    public async Task Corrupt_cache_is_ignored_and_rewritten()
    {
        var first = await Runner.RunAsync("--help");
        var intact = await File.ReadAllTextAsync(CacheFile);
        await File.WriteAllTextAsync(CacheFile, intact[..(intact.Length / 2)]);

        var second = await Runner.RunAsync("--help");

        second.ExitCode.Should().Be(0, second.ToString());
        second.Stdout.Should().Be(first.Stdout);
        second.Stderr.Should().BeEmpty();
        (await File.ReadAllTextAsync(CacheFile)).Should().Be(intact);
    }

    [Test]
    public async Task Cache_switched_off_is_neither_written_nor_read()
    {
        Runner.Environment[PluginManifest.SwitchVariable] = "off";

        var result = await Runner.RunAsync("--help");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("  hello");
        File.Exists(CacheFile).Should().BeFalse();
    }

    [Test]
    public async Task Cache_file_is_readable_by_its_owner_only()
    {
        (await Runner.RunAsync("--help")).ExitCode.Should().Be(0);

        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(CacheFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
