using Jobman.Testing.Cli;

namespace Jobman.Cli.Tests;

/// <summary>Base of tests that run the real host with the Hello test plugin on JOBMAN_PLUGINS_PATH.</summary>
public abstract class HelloPluginTest
{
    private PluginFolders _folders = null!;

    protected JobmanRunner Runner { get; private set; } = null!;

    [SetUp]
    public void StartRunner()
    {
        _folders = new PluginFolders();
        Runner = new JobmanRunner();
        Runner.Environment["JOBMAN_PLUGINS_PATH"] = _folders.Root("Jobman.TestPlugins.Hello");
    }

    [TearDown]
    public void StopRunner()
    {
        Runner.Dispose();
        _folders.Dispose();
    }
}
