namespace Jobman.Plugins.Harbor.Tests;

/// <summary>Image names for shell completion come from Harbor once, then from a 10-minute cache.</summary>
public sealed class CompletionTests
{
    private HarborFixture _harbor = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _harbor = await HarborFixture.StartAsync();
        _harbor.Server.AddProject("ml", isPublic: true);
        _harbor.Server.AddRepository("ml", "trainer", null, "v1", "v2");
        _harbor.Server.AddRepository("ml", "team/preprocess", null, "latest");
        _harbor.Settings();
    }

    [TearDown]
    public async Task StopAsync() => await _harbor.DisposeAsync();

    [Test]
    public async Task Image_names_and_tags_complete_after_dash_i_and_are_cached()
    {
        var first = await _harbor.RunAsync("completion", "--complete", "--", "3", "jobman", "image-details", "-i", "tr");
        _harbor.Server.ClearRequests();
        var second = await _harbor.RunAsync("completion", "--complete", "--", "3", "jobman", "image-details", "--image", "team/");

        first.ExitCode.Should().Be(0, first.ToString());
        first.Stdout.Should().Be("trainer\ntrainer:v1\ntrainer:v2\n");
        second.Stdout.Should().Be("team/preprocess\nteam/preprocess:latest\n");
        _harbor.Server.Requests.Should().BeEmpty("the second completion is served from the cache");
    }
}
