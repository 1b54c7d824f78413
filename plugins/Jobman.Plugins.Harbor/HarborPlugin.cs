using Jobman.Core.Plugins;
using Jobman.Core.Registries;
using Microsoft.Extensions.DependencyInjection;

[assembly: JobmanPlugin(typeof(Jobman.Plugins.Harbor.HarborPlugin))]

namespace Jobman.Plugins.Harbor;

/// <summary>Entry point of the Harbor plugin: serves <c>images</c> and <c>image-details</c> from Harbor's API v2.0.</summary>
public sealed class HarborPlugin : IJobmanPlugin
{
    public IReadOnlyList<string> SettingsSections => [HarborSettings.SectionName];

    public void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IImageRegistry, HarborRegistry>();
}
