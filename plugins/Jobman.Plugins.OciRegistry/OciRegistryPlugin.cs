using Jobman.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: JobmanPlugin(typeof(Jobman.Plugins.OciRegistry.OciRegistryPlugin))]

namespace Jobman.Plugins.OciRegistry;

/// <summary>Entry point of the OciRegistry plugin.</summary>
public sealed class OciRegistryPlugin : IJobmanPlugin
{
    public void ConfigureServices(IServiceCollection services)
    {
    }
}
