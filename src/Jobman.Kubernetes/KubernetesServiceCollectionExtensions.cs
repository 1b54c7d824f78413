using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Jobman.Kubernetes;

/// <summary>Registers the shared Kubernetes services in a plugin's container.</summary>
public static class KubernetesServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ClusterConnector"/> and the default <see cref="KubernetesRetry"/>.</summary>
    /// <param name="services">The plugin's services.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddJobmanKubernetes(this IServiceCollection services)
    {
        services.TryAddSingleton<ClusterConnector>();
        services.TryAddSingleton(KubernetesRetry.Default);
        return services;
    }
}
