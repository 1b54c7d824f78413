using Jobman.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: JobmanPlugin(typeof(Jobman.TestPlugins.Throwing.ThrowingPlugin))]

namespace Jobman.TestPlugins.Throwing;

public sealed class ThrowingPlugin : IJobmanPlugin
{
    public void ConfigureServices(IServiceCollection services) => throw new InvalidOperationException("registration exploded on purpose");
}
