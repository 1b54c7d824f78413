namespace Jobman.Plugins.Harbor.Tests;

/// <summary>
/// The plugin as shipped: loaded by the host from <c>plugins/Jobman.Plugins.Harbor/</c> in its own load context
/// (with its own Flurl copy), not registered by the test.
/// </summary>
public sealed class BundledPluginTests
{
    [Test]
    public async Task Bundled_plugin_loads_and_lists_images()
    {
        var toolDirectory = FindHostOutput();
        await using var harbor = await HarborFixture.StartAsync();
        harbor.Server.AddProject("ml", isPublic: true);
        harbor.Server.AddRepository("ml", "team/trainer", null, "1.0");
        using var runner = new Jobman.Testing.Cli.JobmanRunner { ToolDirectory = toolDirectory };
        runner.WithUserSettings(new System.Text.Json.Nodes.JsonObject { ["harbor"] = new System.Text.Json.Nodes.JsonObject { ["url"] = harbor.Server.Url, ["project"] = "ml" } }.ToJsonString());

        var plugins = await runner.RunAsync("plugins");
        var images = await runner.RunAsync("images");

        plugins.Stdout.Should().Contain("Jobman.Plugins.Harbor");
        images.ExitCode.Should().Be(0, images.ToString());
        images.Stdout.Should().MatchRegex("team/trainer +1.0");
        images.Stderr.Should().BeEmpty();
    }

    /// <summary>The host's build output (it holds the bundled plugins): skipped when missing, failed under CI.</summary>
    private static string FindHostOutput() => Jobman.Testing.Prerequisites.Prerequisite.HostOutput("Jobman.Plugins.Harbor");
}
