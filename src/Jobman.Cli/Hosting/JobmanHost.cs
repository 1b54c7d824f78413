using System.Reflection;
using Jobman.Cli.BuiltIn;
using Jobman.Cli.Parsing;
using Jobman.Cli.PluginLoading;
using Jobman.Cli.Rendering;
using Jobman.Cli.Updates;
using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Core.Hosting;
using Jobman.Core.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Jobman.Cli.Hosting;

/// <summary>
/// The whole program behind <c>Main</c>: loads settings and plugins, builds the command tree, runs the selected
/// command and maps every failure to one stderr line and an exit code.
/// </summary>
public static class JobmanHost
{
    /// <summary>The tool's version as shown by <c>--version</c>.</summary>
    public static string Version { get; } = TrimBuildMetadata(
        typeof(JobmanHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0");

    /// <summary>
    /// What a plugin manifest must have been written by: the version plus the host assembly's size and time (as plugins
    /// are told apart), so a rebuilt host with new built-in commands but the same version never reuses a cached help
    /// text. Not the module id: reading and formatting it cost every command ~3 ms of its start.
    /// </summary>
    private static string ManifestKey => _manifestKey ??= HostBuildKey();

    private static string? _manifestKey;

    /// <summary>Runs jobman.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="environment">Streams, home, environment variables, cancellation.</param>
    /// <param name="configure">Extra registrations applied last. They are not plugins on disk, which the plugin manifest
    /// and the help caches describe: a caller that adds commands turns those off (<c>JOBMAN_PLUGIN_CACHE=off</c>).</param>
    /// <returns>The exit code.</returns>
    /// <remarks>
    /// Not async itself: <c>--version</c> and a cached <c>--help</c> are answered here, before the normal path is
    /// compiled; compiling its state machine loaded DI, CommandLineUtils and Jobman.Core (~4 ms of ~25 ms).
    /// </remarks>
    public static Task<int> RunAsync(string[] args, HostEnvironment environment, Action<IServiceCollection>? configure = null)
    {
        if (args.Length == 0)
        {
            // Like the original: a bare `jobman` is a request for help, not a mistake.
            args = ["--help"];
        }

        if (args is ["-v" or "--version"])
        {
            // Answered before settings and plugins load: scripts call this to probe for jobman.
            environment.Out.WriteLine($"jobman version {Version}");
            return Task.FromResult(ExitCodes.Success);
        }

        var usePluginManifest = environment.GetEnvironmentVariable(PluginManifest.SwitchVariable) != "off";
        if (args is ["-h" or "--help"] && usePluginManifest
            && RootHelpCache.TryPrint(environment, UseColor(environment, noColorOption: false)))
        {
            return Task.FromResult(ExitCodes.Success);
        }

        return RunAsync(args, environment, configure, usePluginManifest);
    }

    private static async Task<int> RunAsync(string[] args, HostEnvironment environment, Action<IServiceCollection>? configure, bool usePluginManifest)
    {
        var verbose = false;
        try
        {
            var word = CommandWord.Find(args);
            if (word is not null)
            {
                // A command will run: what it needs from the framework is prepared on another core meanwhile.
                FrameworkWarmUp.Start();
            }

            // Global options are read before `--` only: a `--verbose` after it belongs to the container's command.
            var global = GlobalArguments.Scan(args);
            verbose = global.Verbose;
            var color = UseColor(environment, global.NoColor);
            var settingsFiles = RootHelpCache.SettingsFiles(environment);
            // What the settings files held before they were parsed, for the root help cache (--help only).
            var settingsBefore = args is ["-h" or "--help"] && usePluginManifest ? SettingsStamp.TryTake(settingsFiles) : null;
            var settings = SettingsLoader.Load(settingsFiles[0], settingsFiles[1], settingsFiles.ElementAtOrDefault(2), global.SettingsPath);

            var warnings = new ConsoleOutput(environment, OutputFormat.Table, color);
            var services = new ServiceCollection();
            services.AddSingleton(settings);
            services.AddSingleton(environment);
            // The clock every plugin reads. Provided here, not by the plugins: two plugins registering it would make a
            // command of one need the other loaded (list needed the queue plugin only for its TimeProvider).
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton(new JobmanEnvironment(environment.HomeDirectory, environment.GetEnvironmentVariable)
            {
                IsOutputRedirected = environment.IsOutputRedirected,
                Warn = warnings.Warn,
            });
            // With a fresh plugin manifest only the plugins this command line needs are loaded (none for --help).
            var catalog = PluginCatalog.Discover(environment);
            var manifestFile = PluginManifest.FileIn(environment.HomeDirectory);
            var manifest = usePluginManifest ? PluginManifest.TryRead(manifestFile, ManifestKey, catalog.Candidates) : null;
            var needed = manifest?.PluginsFor(word);
            catalog.LoadPlugins(services, candidate => needed is null || needed.Contains(candidate.Name));
            services.AddSingleton(catalog);
            BuiltInCommands.Register(services);
            configure?.Invoke(services);
            await using var provider = services.BuildServiceProvider();
            // With a fresh manifest only the command the line runs is created; the others are stand-ins from the manifest.
            var onlyTypes = manifest?.CommandTypesFor(word);
            var commands = catalog.ResolveCommands(services, provider, onlyTypes);
            if (manifest is not null && (catalog.NotNeeded.Count > 0 || onlyTypes is not null))
            {
                commands = [.. commands, .. manifest.StubsExcept(commands)];
            }
            else if (usePluginManifest && manifest is null && catalog.Candidates.Count > 0 && catalog.Warnings.Count == 0)
            {
                PluginManifest.Build(catalog, services).TryWrite(manifestFile, ManifestKey);
            }

            foreach (var warning in catalog.Warnings)
            {
                warnings.Warn(warning);
            }

            var unknown = WarnAboutUnknownKeys(settings, catalog.Loaded.SelectMany(p => p.Entry.SettingsSections).Concat(manifest?.SettingsSectionsOf(catalog.NotNeeded) ?? []), warnings);
            if (settingsBefore is not null && catalog.Warnings.Count == 0)
            {
                // The help cache (the one place a help text is kept) was stale: keep what this run prints below.
                RootHelpCache.TryWrite(environment, catalog.Candidates, settingsBefore, unknown ?? "", RenderRootHelp(commands, environment));
            }

            var parsed = new CommandTreeBuilder(commands, Version, RootHelp.Text, word).Parse(args, new HostConsole(environment));
            if (parsed is null)
            {
                return ExitCodes.Success;
            }

            if (parsed.Command is PluginCommandStub)
            {
                // The command word was read differently than the parser did: never guess, load every plugin.
                return await RunAsync(args, environment, configure, usePluginManifest: false).ConfigureAwait(false);
            }

            var output = new ConsoleOutput(environment, parsed.Format, color);
            var invocation = new CommandInvocation(parsed.Values, parsed.CommandArguments, settings, output);
            // Completion runs inside the user's shell on every Tab: never a notice there.
            var updates = parsed.Command.Spec.Name == "completion" ? null : UpdateCheck.Start(settings, environment, Version, warnings.Warn);
            var code = await parsed.Command.ExecuteAsync(invocation, environment.Cancellation).ConfigureAwait(false);
            updates?.Report(environment.Error);
            return code;
        }
        catch (Exception) when (environment.IsOutputClosed())
        {
            // Whoever read stdout has seen enough (| head): stop quietly, like kubectl and coreutils.
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (environment.Cancellation.IsCancellationRequested)
        {
            await TryFlushAsync(environment).ConfigureAwait(false);
            environment.Error.WriteLine("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            await TryFlushAsync(environment).ConfigureAwait(false);
            return environment.IsOutputClosed() ? ExitCodes.Success : ErrorReporter.Report(ex, environment.Error, verbose);
        }
    }

    private static async Task TryFlushAsync(HostEnvironment environment)
    {
        try
        {
            await environment.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException) when (environment.IsOutputClosed())
        {
            // Nobody reads stdout any more.
        }
    }

    /// <returns>The warning printed, or null.</returns>
    private static string? WarnAboutUnknownKeys(JobmanSettings settings, IEnumerable<string> pluginSections, ConsoleOutput warnings)
    {
        var unknownKeys = settings.UnknownTopLevelKeys(pluginSections).ToList();
        if (unknownKeys.Count == 0)
        {
            return null;
        }

        var warning = $"unknown settings keys ignored: {string.Join(", ", unknownKeys)} (from {string.Join(", ", settings.Sources)})";
        warnings.Warn(warning);
        return warning;
    }

    private static bool UseColor(HostEnvironment environment, bool noColorOption) =>
        !noColorOption && !environment.IsOutputRedirected && string.IsNullOrEmpty(environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>What <c>jobman --help</c> prints with these commands, for the manifest.</summary>
    private static string RenderRootHelp(IReadOnlyList<ICommand> commands, HostEnvironment environment)
    {
        var text = new StringWriter();
        var capture = new HostEnvironment
        {
            Out = text,
            Error = TextWriter.Null,
            In = TextReader.Null,
            IsOutputRedirected = environment.IsOutputRedirected,
            IsInputRedirected = environment.IsInputRedirected,
            Width = environment.Width,
            HomeDirectory = environment.HomeDirectory,
            ToolDirectory = environment.ToolDirectory,
            GetEnvironmentVariable = environment.GetEnvironmentVariable,
        };
        new CommandTreeBuilder(commands, Version, RootHelp.Text).Parse(["--help"], new HostConsole(capture));
        return text.ToString();
    }

    private static string HostBuildKey()
    {
        var location = typeof(JobmanHost).Assembly.Location;
        if (location.Length == 0)
        {
            return $"{Version}+{typeof(JobmanHost).Assembly.ManifestModule.ModuleVersionId:N}";
        }

        var (size, modified) = PluginManifest.Stamp(location);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Version}+{size}-{modified}");
    }

    private static string TrimBuildMetadata(string version)
    {
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 ? version[..plus] : version;
    }
}
