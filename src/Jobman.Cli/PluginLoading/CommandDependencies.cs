using Microsoft.Extensions.DependencyInjection;

namespace Jobman.Cli.PluginLoading;

/// <summary>
/// Which plugins a command needs loaded to be constructed: the owners of every registration reachable through
/// the constructor parameters of its implementation, and of theirs (e.g. <c>images</c> reaches every
/// <c>IImageRegistry</c>, <c>submit</c> every <c>IResourceFlavorProvider</c>). Anything opaque (a factory, the
/// service provider, keyed services, the plugin catalog itself) means "all plugins", which is always safe.
/// </summary>
internal sealed class CommandDependencies
{
    private static readonly Type[] Opaque = [typeof(IServiceProvider), typeof(IServiceScopeFactory), typeof(PluginCatalog)];

    private readonly IServiceCollection _services;
    private readonly PluginCatalog _catalog;
    private readonly HashSet<ServiceDescriptor> _visited = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _plugins = new(StringComparer.OrdinalIgnoreCase);
    private bool _all;

    private CommandDependencies(IServiceCollection services, PluginCatalog catalog)
    {
        _services = services;
        _catalog = catalog;
    }

    /// <summary>The plugin names the command registered by <paramref name="descriptor"/> needs, or null for all of them.</summary>
    public static IReadOnlySet<string>? PluginsNeededBy(ServiceDescriptor descriptor, IServiceCollection services, PluginCatalog catalog)
    {
        var walk = new CommandDependencies(services, catalog);
        walk.Visit(descriptor);
        return walk._all ? null : walk._plugins;
    }

    private void Visit(ServiceDescriptor descriptor)
    {
        if (_all || !_visited.Add(descriptor))
        {
            return;
        }

        if (_catalog.OwnerOf(descriptor) is { } owner)
        {
            _plugins.Add(owner.Candidate.Name);
        }

        if (descriptor.IsKeyedService || descriptor.ImplementationFactory is not null)
        {
            _all = true;
            return;
        }

        if (descriptor.ImplementationType is not { } type)
        {
            return;
        }

        foreach (var parameter in type.GetConstructors().SelectMany(c => c.GetParameters()))
        {
            VisitService(parameter.ParameterType);
        }
    }

    private void VisitService(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            type = type.GetGenericArguments()[0];
        }

        if (Opaque.Contains(type))
        {
            _all = true;
            return;
        }

        foreach (var descriptor in _services.Where(d => d.ServiceType == type
            || (type.IsConstructedGenericType && d.ServiceType == type.GetGenericTypeDefinition())))
        {
            Visit(descriptor);
        }
    }
}
