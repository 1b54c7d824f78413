using Jobman.Core.Plugins;
using Jobman.Core.Registries;
using Microsoft.Extensions.DependencyInjection;

[assembly: JobmanPlugin(typeof(Jobman.Plugins.OciRegistry.OciRegistryPlugin))]

namespace Jobman.Plugins.OciRegistry;

/// <summary>Entry point of the OciRegistry plugin: any OCI / Docker Registry HTTP API v2 as image registry "oci".</summary>
public sealed class OciRegistryPlugin : IJobmanPlugin
{
    public IReadOnlyList<string> SettingsSections => [OciRegistrySettings.SectionName];

    public void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IImageRegistry, OciImageRegistry>();
}
