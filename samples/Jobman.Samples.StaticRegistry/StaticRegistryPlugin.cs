using Jobman.Core.Commands;
using Jobman.Core.Plugins;
using Jobman.Core.Registries;
using Microsoft.Extensions.DependencyInjection;

[assembly: JobmanPlugin(typeof(Jobman.Samples.StaticRegistry.StaticRegistryPlugin))]

namespace Jobman.Samples.StaticRegistry;

/// <summary>
/// Sample third-party plugin: an image "registry" whose images are listed in settings, plus a small command.
/// Settings: { "staticRegistry": { "images": { "trainer": ["v1", "v2"] } }, "imageRegistry": "static" }
/// </summary>
public sealed class StaticRegistryPlugin : IJobmanPlugin
{
    public IReadOnlyList<string> SettingsSections => ["staticRegistry"];

    public void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IImageRegistry, StaticImageRegistry>();
        services.AddSingleton<ICommand, StaticRegistryInfoCommand>();
    }
}
