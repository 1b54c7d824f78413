using Microsoft.Extensions.DependencyInjection;

namespace Jobman.Core.Plugins;

/// <summary>
/// The entry point of a plugin assembly, named by <see cref="JobmanPluginAttribute"/>. The host creates it with
/// its parameterless constructor and lets it register services before building one container for all plugins.
/// </summary>
public interface IJobmanPlugin
{
    /// <summary>Top-level settings keys this plugin reads (so the host does not warn about them).</summary>
    IReadOnlyList<string> SettingsSections => [];

    /// <summary>Registers the plugin's <see cref="Commands.ICommand"/>s, registries and flavor providers.</summary>
    /// <param name="services">
    /// The host's service collection; <see cref="Settings.JobmanSettings"/>, <see cref="Hosting.JobmanEnvironment"/> and
    /// <see cref="TimeProvider"/> are registered by the host.
    /// </param>
    void ConfigureServices(IServiceCollection services);
}
