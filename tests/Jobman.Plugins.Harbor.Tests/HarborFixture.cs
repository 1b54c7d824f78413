using System.Text.Json.Nodes;
using Jobman.Testing.Cli;
using Jobman.Sandbox.Harbor;

namespace Jobman.Plugins.Harbor.Tests;

/// <summary>A running Harbor double plus a jobman runner with the Harbor plugin, configured to talk to it.</summary>
internal sealed class HarborFixture : IAsyncDisposable
{
    private HarborFixture(HarborServer server)
    {
        Server = server;
        Runner = new JobmanRunner().WithPlugin(new HarborPlugin());
    }

    public HarborServer Server { get; }

    public JobmanRunner Runner { get; }

    public static async Task<HarborFixture> StartAsync(bool https = false) => new(await HarborServer.StartAsync(https));

    /// <summary>Writes <c>~/.jobman/settings.json</c> with a <c>harbor</c> section pointing at the double.</summary>
    public HarborFixture Settings(Action<JsonObject>? configure = null, string project = "ml")
    {
        var harbor = new JsonObject { ["url"] = Server.Url, ["project"] = project };
        configure?.Invoke(harbor);
        Runner.WithUserSettings(new JsonObject { ["harbor"] = harbor }.ToJsonString());
        return this;
    }

    public Task<RunResult> RunAsync(params string[] args) => Runner.RunAsync(args);

    public async ValueTask DisposeAsync()
    {
        Runner.Dispose();
        await Server.DisposeAsync();
    }
}
