using Jobman.Cli.Hosting;
using Jobman.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Jobman.Testing.Cli;

/// <summary>
/// Runs the real jobman host in-process with an isolated home directory, environment and streams. Plugins under
/// test are registered directly (same code path as a loaded plugin's ConfigureServices), so tests exercise the real
/// parser, renderer and error mapping without touching the user's home or kubeconfig.
/// </summary>
public sealed class JobmanRunner : IDisposable
{
    /// <summary>The host's switch for the plugin manifest and help caches (PluginManifest.SwitchVariable).</summary>
    private const string PluginCacheSwitch = "JOBMAN_PLUGIN_CACHE";

    private readonly List<IJobmanPlugin> _plugins = [];
    private readonly bool _ownsHome;
    private LiveOutput? _live;

    /// <param name="homeDirectory">
    /// A home directory shared with other runs (kept on dispose), e.g. for files that must outlive one run such as the
    /// job journal; by default a new temporary one, deleted on dispose.
    /// </param>
    public JobmanRunner(string? homeDirectory = null)
    {
        _ownsHome = homeDirectory is null;
        HomeDirectory = homeDirectory ?? Directory.CreateTempSubdirectory("jobman-home-").FullName;
        ToolDirectory = AppContext.BaseDirectory;
        // Tests never ask a package feed for a newer jobman unless they mean to (they remove this).
        Environment["JOBMAN_NO_UPDATE_CHECK"] = "1";
    }

    /// <summary>The temporary home directory (deleted on dispose).</summary>
    public string HomeDirectory { get; }

    /// <summary>Where the host looks for the settings template and bundled plugins (default: the test's bin folder).</summary>
    public string ToolDirectory { get; set; }

    /// <summary>Environment variables the host sees; nothing of the real process leaks in.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Text fed to stdin (answers to prompts).</summary>
    public string Stdin { get; set; } = string.Empty;

    /// <summary>A reader used instead of <see cref="Stdin"/>, e.g. one that acts while a prompt is open.</summary>
    public TextReader? StdinReader { get; set; }

    /// <summary>Extra service registrations applied after the plugins (e.g. replacing a clock).</summary>
    public Action<IServiceCollection>? Configure { get; set; }

    /// <summary>Adds a plugin whose services are registered as if it had been loaded.</summary>
    public JobmanRunner WithPlugin(IJobmanPlugin plugin)
    {
        _plugins.Add(plugin);
        return this;
    }

    /// <summary>Writes <c>~/.jobman/settings.json</c>.</summary>
    public JobmanRunner WithUserSettings(string json)
    {
        var folder = Path.Combine(HomeDirectory, ".jobman");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "settings.json"), json);
        return this;
    }

    public Task<RunResult> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    /// <summary>What the current (or last) run has written to stdout so far, for commands that run until cancelled.</summary>
    public string StdoutSoFar
    {
        get
        {
            if (Volatile.Read(ref _live) is not { } live)
            {
                return string.Empty;
            }

            // TextWriter.Synchronized locks each write on the wrapper: reading under the same lock sees whole writes.
            lock (live.Writer)
            {
                return live.Text.ToString();
            }
        }
    }

    public async Task<RunResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var liveOut = TextWriter.Synchronized(stdout);
        Volatile.Write(ref _live, new LiveOutput(liveOut, stdout));

        var environment = new HostEnvironment
        {
            Out = liveOut,
            Error = TextWriter.Synchronized(stderr),
            In = StdinReader ?? new StringReader(Stdin),
            IsOutputRedirected = true,
            IsInputRedirected = true,
            HomeDirectory = HomeDirectory,
            ToolDirectory = ToolDirectory,
            GetEnvironmentVariable = Variables(),
            Cancellation = cancellationToken,
        };
        var code = await JobmanHost.RunAsync(args, environment, Register).ConfigureAwait(false);
        return new RunResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// The environment of a run. In-process commands are not plugins on disk, which the plugin manifest and the help
    /// caches describe, so a run that registers commands here turns them off (JOBMAN_PLUGIN_CACHE=off), as any host
    /// caller adding commands must; a test that sets the variable itself decides.
    /// </summary>
    private Func<string, string?> Variables()
    {
        var probe = new ServiceCollection();
        Register(probe);
        var addsCommands = probe.Any(d => d.ServiceType == typeof(Jobman.Core.Commands.ICommand));
        return name => Environment.TryGetValue(name, out var value) ? value
            : name == PluginCacheSwitch && addsCommands ? "off"
            : null;
    }

    private void Register(IServiceCollection services)
    {
        foreach (var plugin in _plugins)
        {
            plugin.ConfigureServices(services);
        }

        Configure?.Invoke(services);
    }

    public void Dispose()
    {
        if (!_ownsHome)
        {
            return;
        }

        try
        {
            Directory.Delete(HomeDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A process started by a test may still hold a file; the temp folder is cleaned by the OS later.
        }
    }

    private sealed record LiveOutput(TextWriter Writer, StringWriter Text);
}
