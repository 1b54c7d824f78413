using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jobman.Testing.Golden;

namespace Jobman.Packaging.Tests;

/// <summary>
/// Every help text and the tables that do not depend on a cluster, from the installed tool, against golden files in
/// tests/Jobman.Packaging.Tests/golden: a change of user-visible text is a reviewed diff.
/// </summary>
[NonParallelizable]
public partial class GoldenTextTests
{
    private const string Project = "Jobman.Packaging.Tests";
    private InstalledTool _tool = null!;

    [OneTimeSetUp]
    public async Task Install() => _tool = await InstalledTool.GetAsync();

    [Test]
    public async Task Root_help()
    {
        var help = await RunAsync("--help");

        GoldenFile.Check(Project, "help/root.txt", help);
    }

    [Test]
    public async Task Help_of_every_command()
    {
        var root = await RunAsync("--help");
        var plugins = JsonNode.Parse(await RunAsync("plugins", "-o", "json"))!["loaded"]!.AsArray();
        var commands = CommandLine().Matches(root).Select(m => m.Groups[1].Value)
            .Concat(plugins.SelectMany(p => p!["commands"]!.AsArray()).Select(c => c!.GetValue<string>()))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        commands.Should().Contain(["submit", "list", "queue publish", "images", "plugins", "sandbox"]);
        foreach (var command in commands)
        {
            var help = await RunAsync([.. command.Split(' '), "--help"]);
            GoldenFile.Check(Project, $"help/{command.Replace(' ', '-')}.txt", help);
        }
    }

    [Test]
    public async Task Resources_flavors_table_of_the_shipped_template()
    {
        GoldenFile.Check(Project, "tables/resources-flavors.txt", await RunAsync("resources-flavors"));
    }

    [Test]
    public async Task Plugins_table()
    {
        var table = await RunAsync("plugins");

        // The install folder is a temp folder: only the part below the tool's own folder is stable.
        GoldenFile.Check(Project, "tables/plugins.txt", InstallFolder().Replace(table, "<tool>/"));
    }

    private async Task<string> RunAsync(params string[] args)
    {
        var result = await _tool.RunAsync(args);
        result.ExitCode.Should().Be(0, string.Join(' ', args) + ": " + result.Stderr);
        return result.Stdout;
    }

    [GeneratedRegex(@"(?m)^  ([a-z][a-z-]*)\s{2,}")]
    private static partial Regex CommandLine();

    [GeneratedRegex(@"/\S*/tools/net10\.0/[^/\s]+/")]
    private static partial Regex InstallFolder();
}
