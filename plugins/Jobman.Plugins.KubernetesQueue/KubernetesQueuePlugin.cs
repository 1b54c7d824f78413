using Jobman.Core.Commands;
using Jobman.Core.Flavors;
using Jobman.Core.Plugins;
using Jobman.Kubernetes;
using Jobman.Plugins.KubernetesQueue.Commands;
using Jobman.Plugins.KubernetesQueue.Flavors;
using Jobman.Plugins.KubernetesQueue.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

[assembly: JobmanPlugin(typeof(Jobman.Plugins.KubernetesQueue.KubernetesQueuePlugin))]

namespace Jobman.Plugins.KubernetesQueue;

/// <summary>Entry point of the KubernetesQueue plugin: <c>queue</c>, <c>queue publish</c> and the cluster flavors.</summary>
public sealed class KubernetesQueuePlugin : IJobmanPlugin
{
    public void ConfigureServices(IServiceCollection services)
    {
        services.AddJobmanKubernetes();
        services.TryAddSingleton<QueueConfigMapReader>();
        services.TryAddSingleton<ClusterJobScanner>();
        services.TryAddSingleton<QueueConfigMapWriter>();
        services.TryAddSingleton(new QueueDocumentBuilder());
        services.AddSingleton<ICommand, QueueCommand>();
        services.AddSingleton<ICommand, QueuePublishCommand>();
        services.AddSingleton<IResourceFlavorProvider, ClusterFlavorProvider>();
        services.AddSingleton<IResourceFlavorProvider, KueueFlavorProvider>();
    }
}
