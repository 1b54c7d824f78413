using System.Text.Json.Nodes;
using Jobman.Cli.PluginLoading;
using Jobman.Core.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Jobman.Cli.Tests;

/// <summary>
/// The plugin manifest cache (~/.jobman/cache/plugins.json): after one full load, help loads no plugin and a
/// command loads only the plugins it needs; a stale, missing or corrupt cache loads everything, and a plugin
/// that fails to load is reported on every run. "Not loaded" is observed by swapping a cached plugin's file for
/// garbage with the same size and time: loading it would print a warning.
/// </summary>
public class PluginManifestTests : HelloPluginTest
{
    private string CacheFile => Path.Combine(Runner.HomeDirectory, ".jobman", "cache", "plugins.json");

    private string HelloDll => Path.Combine(HelloRoot, Hello, Hello + ".dll");

    [Test]
    public async Task First_run_writes_the_cache_with_each_commands_owner_and_needs()
    {
        var result = await Runner.RunAsync("hello");

        result.ExitCode.Should().Be(0, result.ToString());
        var cache = JsonNode.Parse(await File.ReadAllTextAsync(CacheFile))!;
        cache["plugins"]!.AsArray().Select(p => (string)p!["path"]!).Should().Equal(HelloDll);
        var hello = cache["commands"]!.AsArray().Single(c => (string)c!["name"]! == "hello")!;
        ((string)hello["owner"]!).Should().Be(Hello);
        hello["needs"]!.AsArray().Select(n => (string)n!).Should().Equal(Hello);
        var plugins = cache["commands"]!.AsArray().Single(c => (string)c!["name"]! == "plugins")!;
        plugins["needs"].Should().BeNull("the plugins command shows every plugin, so it needs them all");
    }

    [Test]
    public async Task Help_with_a_fresh_cache_loads_no_plugin_yet_lists_its_commands()
    {
        var first = await Runner.RunAsync("--help");
        ReplaceWithGarbageKeepingSizeAndTime(HelloDll);

        var second = await Runner.RunAsync("--help");

        second.ExitCode.Should().Be(0, second.ToString());
        second.Stderr.Should().BeEmpty("the damaged plugin was not loaded");
        second.Stdout.Should().Be(first.Stdout);
        second.Stdout.Should().MatchRegex(@"\n  hello\s+Say hello \(test plugin\)\.");
    }

    [Test]
    public async Task A_command_loads_only_the_plugins_it_needs()
    {
        (await Runner.RunAsync("--help")).ExitCode.Should().Be(0);
        ReplaceWithGarbageKeepingSizeAndTime(HelloDll);

        var flavors = await Runner.RunAsync("resources-flavors");
        var hello = await Runner.RunAsync("hello");
        var plugins = await Runner.RunAsync("plugins");

        flavors.ExitCode.Should().Be(0, flavors.ToString());
        flavors.Stderr.Should().BeEmpty("resources-flavors does not need the Hello plugin");
        hello.Stderr.Should().MatchRegex($"warning: plugin '{Hello}' .* was skipped: it failed to load");
        plugins.Stderr.Should().MatchRegex($"warning: plugin '{Hello}' .* was skipped");
    }

    [Test]
    public async Task With_a_fresh_cache_a_command_line_creates_only_the_command_it_runs()
    {
        (await Runner.RunAsync("--help")).ExitCode.Should().Be(0);
        Runner.Environment["HELLO_REFUSE_CREATION"] = "1";

        var hello = await Runner.RunAsync("hello", "-n", "you");
        var helloHelp = await Runner.RunAsync("hello", "--help");
        var plugins = await Runner.RunAsync("plugins");

        hello.ExitCode.Should().Be(0, hello.ToString());
        hello.Stdout.Should().Contain("hello you from the Hello test plugin");
        hello.Stderr.Should().BeEmpty("wait-forever, another command of the same plugin, was not created");
        helloHelp.Stdout.Should().Contain("--name");
        helloHelp.Stderr.Should().BeEmpty();
        plugins.Stderr.Should().Contain("wait-forever was created", "plugins lists every command, so it creates them all");
    }

    [Test]
    public async Task Changed_plugin_file_makes_the_cache_stale_and_everything_loads()
    {
        (await Runner.RunAsync("--help")).ExitCode.Should().Be(0);
        var stale = JsonNode.Parse(await File.ReadAllTextAsync(CacheFile))!;
        stale["commands"]!.AsArray().Add(new JsonObject { ["name"] = "ghost", ["description"] = "Not real.", ["owner"] = Hello, ["needs"] = new JsonArray() });
        await File.WriteAllTextAsync(CacheFile, stale.ToJsonString());
        File.SetLastWriteTimeUtc(HelloDll, File.GetLastWriteTimeUtc(HelloDll).AddSeconds(-5));

        var result = await Runner.RunAsync("--help");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("  hello").And.NotContain("ghost");
        JsonNode.Parse(await File.ReadAllTextAsync(CacheFile))!["commands"]!.AsArray()
            .Select(c => (string)c!["name"]!).Should().NotContain("ghost", "the cache was rebuilt");
    }

    [Test]
    public async Task Corrupt_cache_is_ignored_and_rewritten()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CacheFile)!);
        await File.WriteAllTextAsync(CacheFile, "{ \"format\": 1, \"plugins\": [");

        var result = await Runner.RunAsync("hello", "-n", "ann");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be("hello ann from the Hello test plugin\n");
        result.Stderr.Should().BeEmpty();
        JsonNode.Parse(await File.ReadAllTextAsync(CacheFile)).Should().NotBeNull();
    }

    /// <summary>Well-formed JSON of the wrong shape: each field read with the wrong type, or missing.</summary>
    [TestCase("size", "\"12\"")]
    [TestCase("modified", "null")]
    [TestCase("name", "5")]
    [TestCase("settingsSections", "\"history\"")]
    [TestCase("parent", "[]")]
    [TestCase("format", "\"2\"")]
    [TestCase("host", "2")]
    [TestCase("commands", "{}")]
    public async Task A_cache_of_the_wrong_shape_is_ignored_and_rewritten(string field, string value)
    {
        (await Runner.RunAsync("hello")).ExitCode.Should().Be(0);
        var cache = JsonNode.Parse(await File.ReadAllTextAsync(CacheFile))!.AsObject();
        var owner = cache.ContainsKey(field) ? cache
            : cache["plugins"]![0]!.AsObject().ContainsKey(field) ? cache["plugins"]![0]!.AsObject()
            : cache["commands"]!.AsArray().Select(c => c!.AsObject()).First(c => c.ContainsKey(field));
        owner[field] = JsonNode.Parse(value);
        await File.WriteAllTextAsync(CacheFile, cache.ToJsonString());

        var result = await Runner.RunAsync("hello", "-n", "ann");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be("hello ann from the Hello test plugin\n");
        result.Stderr.Should().BeEmpty();
        JsonNode.Parse(await File.ReadAllTextAsync(CacheFile))!.ToJsonString().Should().NotContain($"\"{field}\":{value}", "the cache was rewritten");
    }

    [Test]
    public async Task Plugin_that_fails_to_load_is_never_cached_and_warned_about_on_every_run()
    {
        Runner.Environment["JOBMAN_PLUGINS_PATH"] = Folders.Root(Hello, "Jobman.TestPlugins.Throwing");

        var first = await Runner.RunAsync("--help");
        var second = await Runner.RunAsync("--help");

        File.Exists(CacheFile).Should().BeFalse();
        foreach (var result in new[] { first, second })
        {
            result.Stderr.Should().MatchRegex("warning: plugin 'Jobman.TestPlugins.Throwing' .* was skipped");
        }
    }

    [Test]
    public async Task Cache_can_be_switched_off()
    {
        Runner.Environment[PluginManifest.SwitchVariable] = "off";

        var result = await Runner.RunAsync("hello");

        result.ExitCode.Should().Be(0, result.ToString());
        File.Exists(CacheFile).Should().BeFalse();
    }

    [Test]
    public async Task Cached_help_still_reads_settings_and_warns_about_unknown_keys()
    {
        Runner.WithUserSettings("""{ "bogus": 1, "hello": { "greeting": "hey" } }""");
        var first = await Runner.RunAsync("--help");
        ReplaceWithGarbageKeepingSizeAndTime(HelloDll);

        var second = await Runner.RunAsync("-h");
        await File.WriteAllTextAsync(Path.Combine(Runner.HomeDirectory, ".jobman", "settings.json"), "{ not json");
        var broken = await Runner.RunAsync("--help");

        second.ExitCode.Should().Be(0, second.ToString());
        second.Stdout.Should().Be(first.Stdout);
        second.Stderr.Should().Be(first.Stderr).And.Contain("warning: unknown settings keys ignored: bogus (from", "the Hello plugin's section is known without loading it");
        broken.ExitCode.Should().Be(2, broken.ToString());
        broken.Stderr.Should().StartWith("error: ");
    }

    [Test]
    public async Task Cached_help_is_not_used_when_extra_registrations_add_commands()
    {
        (await Runner.RunAsync("--help")).ExitCode.Should().Be(0);
        Runner.Configure = services => services.AddSingleton<ICommand>(new ExtraCommand());

        var result = await Runner.RunAsync("--help");

        result.Stdout.Should().MatchRegex(@"\n  extra\s+An in-process command\.").And.Contain("  hello");
    }

    [Test]
    public async Task Help_written_with_extra_commands_is_not_replayed_without_them()
    {
        Runner.Configure = services => services.AddSingleton<ICommand>(new ExtraCommand());
        (await Runner.RunAsync("--help")).Stdout.Should().Contain("  extra");
        Runner.Configure = null;

        var result = await Runner.RunAsync("--help");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("  hello").And.NotContain("  extra");
    }

    [TestCase(new string[0], null)]
    [TestCase(new[] { "--help" }, null)]
    [TestCase(new[] { "list", "--help" }, "list")]
    [TestCase(new[] { "--verbose", "-s", "my.json", "queue", "publish" }, "queue")]
    [TestCase(new[] { "--settings", "list", "images" }, "images")]
    [TestCase(new[] { "--", "list" }, null)]
    public void Command_word_skips_options_and_the_settings_value(string[] args, string? expected) =>
        CommandWord.Find(args).Should().Be(expected);

    private sealed class ExtraCommand : ICommand
    {
        public CommandSpec Spec { get; } = new("extra", "An in-process command.");

        public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken) => Task.FromResult(0);
    }

    /// <summary>A new file (new inode: the test process may have the old one mapped) with the old size and time.</summary>
    private static void ReplaceWithGarbageKeepingSizeAndTime(string path)
    {
        var info = new FileInfo(path);
        var (size, time) = (info.Length, info.LastWriteTimeUtc);
        var garbage = path + ".garbage";
        File.WriteAllBytes(garbage, new byte[size]);
        File.Move(garbage, path, overwrite: true);
        File.SetLastWriteTimeUtc(path, time);
    }
}
