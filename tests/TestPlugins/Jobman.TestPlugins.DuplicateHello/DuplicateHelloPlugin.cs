using Jobman.Core.Commands;
using Jobman.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: JobmanPlugin(typeof(Jobman.TestPlugins.DuplicateHello.DuplicateHelloPlugin))]

namespace Jobman.TestPlugins.DuplicateHello;

/// <summary>Claims the same command name as the Hello test plugin.</summary>
public sealed class DuplicateHelloPlugin : IJobmanPlugin
{
    public void ConfigureServices(IServiceCollection services) => services.AddSingleton<ICommand, DuplicateHelloCommand>();
}
