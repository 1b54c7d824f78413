using Jobman.Core.Commands;
using Jobman.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: JobmanPlugin(typeof(Jobman.Plugins.Sandbox.SandboxPlugin))]

namespace Jobman.Plugins.Sandbox;

/// <summary>Entry point of the sandbox plugin: <c>jobman sandbox</c>.</summary>
public sealed class SandboxPlugin : IJobmanPlugin
{
    public void ConfigureServices(IServiceCollection services) => services.AddSingleton<ICommand, SandboxCommand>();
}
