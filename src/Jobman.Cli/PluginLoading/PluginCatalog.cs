using Jobman.Cli.Hosting;
using Jobman.Core.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Jobman.Cli.PluginLoading;

/// <summary>What the host found and loaded, for <c>jobman plugins</c> and the startup warnings.</summary>
public sealed class PluginCatalog
{
    private readonly Dictionary<ServiceDescriptor, LoadedPlugin> _owners = new(ReferenceEqualityComparer.Instance);

    /// <summary>Plugins that loaded, in priority order.</summary>
    public List<LoadedPlugin> Loaded { get; } = [];

    /// <summary>Plugins that were skipped, with the reason.</summary>
    public List<SkippedPlugin> Skipped { get; } = [];

    /// <summary>Problems to show as warnings (skipped plugins, shadowing, duplicate commands).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>The plugins found on disk (shadowed ones already reported), none loaded yet.</summary>
    internal IReadOnlyList<PluginCandidate> Candidates { get; private set; } = [];

    /// <summary>Candidates left unloaded on purpose because the command line does not need them.</summary>
    internal List<PluginCandidate> NotNeeded { get; } = [];

    /// <summary>Each resolved command with the registration it came from, in resolution order.</summary>
    internal List<(ICommand Command, ServiceDescriptor Descriptor)> Resolved { get; } = [];

    internal static PluginCatalog Discover(HostEnvironment environment)
    {
        var catalog = new PluginCatalog();
        var (candidates, shadowed) = PluginDiscovery.Discover(environment);
        catalog.Candidates = candidates;
        foreach (var (candidate, by) in shadowed)
        {
            catalog.Warnings.Add($"plugin '{candidate.Name}' at {candidate.AssemblyPath} is ignored: a plugin of the same name is already loaded from {by}");
        }

        return catalog;
    }

    /// <summary>Loads the candidates <paramref name="include"/> accepts; the others are only listed in <see cref="NotNeeded"/>.</summary>
    internal void LoadPlugins(IServiceCollection services, Func<PluginCandidate, bool> include)
    {
        foreach (var candidate in Candidates)
        {
            if (!include(candidate))
            {
                NotNeeded.Add(candidate);
                continue;
            }

            var own = new ServiceCollection();
            var (loaded, skipped) = PluginLoader.Load(candidate, own);
            if (loaded is null)
            {
                Skipped.Add(skipped!);
                Warnings.Add($"plugin '{candidate.Name}' ({candidate.AssemblyPath}) was skipped: {skipped!.Reason}");
                continue;
            }

            Loaded.Add(loaded);
            foreach (var descriptor in own)
            {
                services.Add(descriptor);
                _owners[descriptor] = loaded;
            }
        }
    }

    /// <summary>The plugin that registered a service, or null for the host's own.</summary>
    /// <param name="descriptor">A registration.</param>
    /// <returns>The owning plugin.</returns>
    public LoadedPlugin? OwnerOf(ServiceDescriptor descriptor) => _owners.GetValueOrDefault(descriptor);

    /// <summary>
    /// Creates every registered command one by one, so a plugin whose command cannot be constructed, or whose
    /// command name is already taken, is reported without affecting the others.
    /// </summary>
    /// <param name="services">The full service collection.</param>
    /// <param name="provider">The built container.</param>
    /// <param name="onlyTypes">When set, only commands registered with one of these implementation types are created.</param>
    /// <returns>The commands by full name (e.g. <c>queue publish</c>), first registration wins.</returns>
    public IReadOnlyList<ICommand> ResolveCommands(IServiceCollection services, IServiceProvider provider, IReadOnlySet<string>? onlyTypes = null)
    {
        var byName = new Dictionary<string, (ICommand Command, string Owner)>(StringComparer.Ordinal);
        var ordered = new List<ICommand>();
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(ICommand)))
        {
            if (onlyTypes is not null && descriptor.ImplementationType is { } type && !onlyTypes.Contains(type.FullName ?? string.Empty))
            {
                continue;
            }

            var owner = OwnerOf(descriptor);
            var ownerName = owner?.Candidate.Name ?? "jobman";
            ICommand command;
            try
            {
                command = descriptor.ImplementationInstance as ICommand
                    ?? (ICommand?)descriptor.ImplementationFactory?.Invoke(provider)
                    ?? (ICommand)ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!);
                _ = command.Spec.Name;
            }
            catch (Exception ex)
            {
                Warnings.Add($"plugin '{ownerName}' has a command that could not be created ({ex.GetBaseException().Message}); it is not available");
                continue;
            }

            var fullName = command.Spec.Parent is null ? command.Spec.Name : $"{command.Spec.Parent} {command.Spec.Name}";
            if (byName.TryGetValue(fullName, out var existing))
            {
                Warnings.Add($"command '{fullName}' of plugin '{ownerName}' is ignored: plugin '{existing.Owner}' already provides it");
                continue;
            }

            byName[fullName] = (command, ownerName);
            owner?.Commands.Add(fullName);
            ordered.Add(command);
            Resolved.Add((command, descriptor));
        }

        return ordered;
    }
}
