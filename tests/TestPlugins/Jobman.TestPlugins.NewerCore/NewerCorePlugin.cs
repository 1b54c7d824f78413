using Jobman.Core.Commands;
using Jobman.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: JobmanPlugin(typeof(Jobman.TestPlugins.NewerCore.NewerCorePlugin))]

namespace Jobman.TestPlugins.NewerCore;

public sealed class NewerCorePlugin : IJobmanPlugin
{
    public void ConfigureServices(IServiceCollection services) => services.AddSingleton<ICommand, NewerCoreCommand>();
}
