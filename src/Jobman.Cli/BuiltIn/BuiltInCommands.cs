using Jobman.Core.Commands;
using Jobman.Core.Flavors;
using Microsoft.Extensions.DependencyInjection;

namespace Jobman.Cli.BuiltIn;

/// <summary>Commands and services the host provides itself, over the Core contracts.</summary>
internal static class BuiltInCommands
{
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<ICommand, PluginsCommand>();
        services.AddSingleton<ICommand, ResourcesFlavorsCommand>();
        services.AddSingleton<ICommand, ImagesCommand>();
        services.AddSingleton<ICommand, ImageDetailsCommand>();
        services.AddSingleton<ICommand, CompletionCommand>();
        services.AddSingleton<IResourceFlavorProvider, SettingsFlavorProvider>();
        services.AddSingleton<ResourceFlavorCatalog>();
        services.AddSingleton<RegistrySelector>();
    }
}
