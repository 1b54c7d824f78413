using System.Text.Json.Nodes;
using Jobman.Testing.Cli;

namespace Jobman.Cli.Tests;

/// <summary>The host loads real plugin assemblies; a broken plugin is a warning naming it, never a crash.</summary>
public class PluginLoadingTests
{
    private PluginFolders _folders = null!;
    private JobmanRunner _runner = null!;

    [SetUp]
    public void SetUp()
    {
        _folders = new PluginFolders();
        _runner = new JobmanRunner();
    }

    [TearDown]
    public void TearDown()
    {
        _runner.Dispose();
        _folders.Dispose();
    }

    [Test]
    public async Task Plugin_from_JOBMAN_PLUGINS_PATH_contributes_its_command()
    {
        _runner.Environment["JOBMAN_PLUGINS_PATH"] = _folders.Root("Jobman.TestPlugins.Hello");

        var result = await _runner.RunAsync("hello", "-n", "bob");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be("hello bob from the Hello test plugin\n");
        result.Stderr.Should().BeEmpty();
    }

    [Test]
    public async Task Help_lists_plugin_commands()
    {
        _runner.Environment["JOBMAN_PLUGINS_PATH"] = _folders.Root("Jobman.TestPlugins.Hello");

        var result = await _runner.RunAsync("--help");

        result.ExitCode.Should().Be(0);
        result.Stdout.Should().MatchRegex(@"\n  hello\s+Say hello \(test plugin\)\.");
        result.Stdout.Should().Contain("Exit codes:");
    }

    [Test]
    public async Task Plugins_command_shows_name_version_path_and_commands()
    {
        var root = _folders.Root("Jobman.TestPlugins.Hello");
        _runner.Environment["JOBMAN_PLUGINS_PATH"] = root;

        var result = await _runner.RunAsync("plugins", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var loaded = JsonNode.Parse(result.Stdout)!["loaded"]!.AsArray();
        loaded.Should().ContainSingle();
        loaded[0]!["name"]!.GetValue<string>().Should().Be("Jobman.TestPlugins.Hello");
        loaded[0]!["version"]!.GetValue<string>().Should().Be("3.2.1");
        loaded[0]!["path"]!.GetValue<string>().Should().Be(Path.Combine(root, "Jobman.TestPlugins.Hello", "Jobman.TestPlugins.Hello.dll"));
        loaded[0]!["commands"]!.AsArray().Select(c => c!.GetValue<string>()).Should().BeEquivalentTo("echo-args", "hello", "wait-forever");
    }

    [Test]
    public async Task Plugin_in_home_folder_is_loaded()
    {
        PluginFolders.CopyPlugin("Jobman.TestPlugins.Hello", Path.Combine(_runner.HomeDirectory, ".jobman", "plugins", "Jobman.TestPlugins.Hello"));

        var result = await _runner.RunAsync("hello");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("hello world");
    }

    [Test]
    public async Task Plugin_that_throws_at_registration_is_skipped_with_a_warning()
    {
        _runner.Environment["JOBMAN_PLUGINS_PATH"] = _folders.Root("Jobman.TestPlugins.Hello", "Jobman.TestPlugins.Throwing");

        var result = await _runner.RunAsync("hello");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("hello world");
        result.Stderr.Should().MatchRegex("warning: plugin 'Jobman.TestPlugins.Throwing' .* was skipped: .*registration exploded on purpose");
        result.Stderr.Should().NotContain("   at ", "no stack trace without --verbose");
    }

    [Test]
    public async Task Plugin_without_entry_attribute_is_skipped_with_a_warning()
    {
        _runner.Environment["JOBMAN_PLUGINS_PATH"] = _folders.Root("Jobman.TestPlugins.NoEntry");

        var result = await _runner.RunAsync("--help");

        result.ExitCode.Should().Be(0);
        result.Stderr.Should().Contain("plugin 'Jobman.TestPlugins.NoEntry'").And.Contain("has no [assembly: JobmanPlugin(typeof(...))] attribute");
    }

    [Test]
    public async Task Plugin_built_against_a_newer_core_is_refused_before_loading()
    {
        _runner.Environment["JOBMAN_PLUGINS_PATH"] = _folders.Root("Jobman.TestPlugins.NewerCore", "Jobman.TestPlugins.Hello");

        var result = await _runner.RunAsync("plugins");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().Contain("plugin 'Jobman.TestPlugins.NewerCore'")
            .And.Contain("built against Jobman.Core 1.9.0.0 but this jobman provides 1.0.0.0");
        result.Stdout.Should().MatchRegex(@"Jobman\.TestPlugins\.NewerCore\s+-\s+skipped");
        result.Stdout.Should().MatchRegex(@"Jobman\.TestPlugins\.Hello\s+3\.2\.1\s+loaded");
    }

    [Test]
    public async Task Two_plugins_claiming_one_command_keep_the_first_and_warn()
    {
        var first = _folders.Root("Jobman.TestPlugins.Hello");
        var second = _folders.Root("Jobman.TestPlugins.DuplicateHello");
        _runner.Environment["JOBMAN_PLUGINS_PATH"] = first + Path.PathSeparator + second;

        var result = await _runner.RunAsync("hello");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("from the Hello test plugin");
        result.Stderr.Should().Contain("command 'hello' of plugin 'Jobman.TestPlugins.DuplicateHello' is ignored: plugin 'Jobman.TestPlugins.Hello' already provides it");
    }

    [Test]
    public async Task Same_plugin_name_in_two_roots_is_shadowed_with_a_warning()
    {
        var first = _folders.Root("Jobman.TestPlugins.Hello");
        PluginFolders.CopyPlugin("Jobman.TestPlugins.Hello", Path.Combine(_runner.HomeDirectory, ".jobman", "plugins", "Jobman.TestPlugins.Hello"));
        _runner.Environment["JOBMAN_PLUGINS_PATH"] = first;

        var result = await _runner.RunAsync("hello");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().Contain("is ignored: a plugin of the same name is already loaded from " + Path.Combine(first, "Jobman.TestPlugins.Hello"));
    }

    [Test]
    public async Task A_file_that_is_not_an_assembly_is_skipped()
    {
        var root = _folders.Root();
        Directory.CreateDirectory(Path.Combine(root, "Broken"));
        await File.WriteAllTextAsync(Path.Combine(root, "Broken", "Broken.dll"), "not a dll");
        _runner.Environment["JOBMAN_PLUGINS_PATH"] = root;

        var result = await _runner.RunAsync("plugins");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().Contain("plugin 'Broken'").And.Contain("was skipped");
    }
}
