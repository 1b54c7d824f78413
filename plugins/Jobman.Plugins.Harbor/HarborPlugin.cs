using Jobman.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: JobmanPlugin(typeof(Jobman.Plugins.Harbor.HarborPlugin))]

namespace Jobman.Plugins.Harbor;

/// <summary>Entry point of the Harbor plugin.</summary>
public sealed class HarborPlugin : IJobmanPlugin
{
    public void ConfigureServices(IServiceCollection services)
    {
    }
}
