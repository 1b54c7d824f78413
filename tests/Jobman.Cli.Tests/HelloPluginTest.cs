using Jobman.Testing.Cli;

namespace Jobman.Cli.Tests;

/// <summary>Base of tests that run the real host with the Hello test plugin on JOBMAN_PLUGINS_PATH.</summary>
public abstract class HelloPluginTest
{
    protected const string Hello = "Jobman.TestPlugins.Hello";

    protected JobmanRunner Runner { get; private set; } = null!;

    /// <summary>Where the test plugins are laid out (for tests that put more plugins beside Hello).</summary>
    protected PluginFolders Folders { get; private set; } = null!;

    /// <summary>The plugins folder holding only Hello, as set on JOBMAN_PLUGINS_PATH.</summary>
    protected string HelloRoot { get; private set; } = null!;

    [SetUp]
    public void StartRunner()
    {
        Folders = new PluginFolders();
        Runner = new JobmanRunner();
        HelloRoot = Folders.Root(Hello);
        Runner.Environment["JOBMAN_PLUGINS_PATH"] = HelloRoot;
    }

    [TearDown]
    public void StopRunner()
    {
        Runner.Dispose();
        Folders.Dispose();
    }
}
