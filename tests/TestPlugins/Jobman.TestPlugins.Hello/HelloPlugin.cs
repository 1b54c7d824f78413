using Jobman.Core.Commands;
using Jobman.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: JobmanPlugin(typeof(Jobman.TestPlugins.Hello.HelloPlugin))]

namespace Jobman.TestPlugins.Hello;

public sealed class HelloPlugin : IJobmanPlugin
{
    public IReadOnlyList<string> SettingsSections => ["hello"];

    public void ConfigureServices(IServiceCollection services) => services
        .AddSingleton<ICommand, HelloCommand>()
        .AddSingleton<ICommand, EchoArgsCommand>()
        .AddSingleton<ICommand, WaitForeverCommand>();
}
