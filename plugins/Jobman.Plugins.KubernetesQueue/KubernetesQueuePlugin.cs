using Jobman.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: JobmanPlugin(typeof(Jobman.Plugins.KubernetesQueue.KubernetesQueuePlugin))]

namespace Jobman.Plugins.KubernetesQueue;

/// <summary>Entry point of the KubernetesQueue plugin.</summary>
public sealed class KubernetesQueuePlugin : IJobmanPlugin
{
    public void ConfigureServices(IServiceCollection services)
    {
    }
}
