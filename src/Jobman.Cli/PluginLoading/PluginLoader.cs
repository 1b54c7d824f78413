using System.Reflection;
using System.Runtime.Loader;
using McMaster.NETCore.Plugins.Loader;
using Jobman.Core.Commands;
using Jobman.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Jobman.Cli.PluginLoading;

/// <summary>
/// Loads each plugin in its own load context, sharing only the contract assemblies (Jobman.Core and the DI
/// abstractions) with the host. Any failure of one plugin skips it with a reason; the host keeps running.
/// </summary>
public static class PluginLoader
{
    private static readonly Type[] SharedTypes = [typeof(ICommand), typeof(IServiceCollection)];

    /// <summary>The Jobman.Core version the host was built with.</summary>
    public static Version HostCoreVersion { get; } = typeof(ICommand).Assembly.GetName().Version!;

    /// <summary>Loads one plugin and lets it register its services into a collection of its own.</summary>
    /// <param name="candidate">The plugin to load.</param>
    /// <param name="services">Receives the plugin's registrations when it loads; untouched when it is skipped.</param>
    /// <returns>The loaded plugin, or the reason it was skipped.</returns>
    public static (LoadedPlugin? Loaded, SkippedPlugin? Skipped) Load(PluginCandidate candidate, IServiceCollection services)
    {
        try
        {
            var coreVersion = CoreReferenceReader.ReferencedCoreVersion(candidate.AssemblyPath);
            if (coreVersion is null)
            {
                return Skip(candidate, "it does not reference Jobman.Core, so it cannot be a jobman plugin");
            }

            if (coreVersion.Major != HostCoreVersion.Major || coreVersion > HostCoreVersion)
            {
                return Skip(candidate, $"it was built against Jobman.Core {coreVersion} but this jobman provides {HostCoreVersion}; update jobman or use a plugin built for Jobman.Core {HostCoreVersion.Major}.x");
            }

            var context = CreateLoadContext(candidate.AssemblyPath);
            SharedPluginFiles.Attach(context, candidate.AssemblyPath);
            var assembly = context.LoadFromAssemblyPath(candidate.AssemblyPath);
            var attribute = assembly.GetCustomAttribute<JobmanPluginAttribute>();
            if (attribute is null)
            {
                return Skip(candidate, "it has no [assembly: JobmanPlugin(typeof(...))] attribute naming its entry type");
            }

            if (!typeof(IJobmanPlugin).IsAssignableFrom(attribute.EntryType) || attribute.EntryType.GetConstructor(Type.EmptyTypes) is null)
            {
                return Skip(candidate, $"its entry type {attribute.EntryType.FullName} must implement IJobmanPlugin and have a public parameterless constructor");
            }

            var entry = (IJobmanPlugin)Activator.CreateInstance(attribute.EntryType)!;
            var own = new ServiceCollection();
            entry.ConfigureServices(own);
            foreach (var descriptor in own)
            {
                services.Add(descriptor);
            }

            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString() ?? "unknown";
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            return (new LoadedPlugin(candidate, plus > 0 ? version[..plus] : version, assembly, entry), null);
        }
        catch (Exception ex)
        {
            var inner = ex is TargetInvocationException { InnerException: { } ie } ? ie : ex;
            return Skip(candidate, $"it failed to load: {inner.GetType().Name}: {inner.Message}");
        }
    }

    /// <summary>
    /// The plugin's load context, from McMaster's builder rather than its PluginLoader, which costs every command
    /// that loads a plugin ~100 ms (bench/RESULTS.md, issue 14): it parses every runtimeconfig.json beside the plugin
    /// and the host with reflection-based JSON (only for additionalProbingPaths, which installed plugins never use:
    /// their dependencies sit in their folder or in .shared) and, not lazy, loads every assembly the shared contract
    /// assemblies reference, transitively. Lazily, the shared assemblies' references are resolved when first used.
    /// </summary>
    private static AssemblyLoadContext CreateLoadContext(string assemblyPath)
    {
        var builder = new AssemblyLoadContextBuilder()
            .SetMainAssemblyPath(assemblyPath)
            .SetDefaultContext(AssemblyLoadContext.Default)
            .IsLazyLoaded(true);
        foreach (var type in SharedTypes)
        {
            builder.PreferDefaultLoadContextAssembly(type.Assembly.GetName());
        }

        return builder.Build();
    }

    private static (LoadedPlugin?, SkippedPlugin?) Skip(PluginCandidate candidate, string reason) => (null, new SkippedPlugin(candidate, reason));
}
