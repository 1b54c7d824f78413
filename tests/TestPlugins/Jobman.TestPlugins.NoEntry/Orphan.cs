using Jobman.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Jobman.TestPlugins.NoEntry;

/// <summary>An entry type that is never named by a JobmanPlugin attribute.</summary>
public sealed class Orphan : IJobmanPlugin
{
    public void ConfigureServices(IServiceCollection services)
    {
    }
}
