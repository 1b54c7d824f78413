using Jobman.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: JobmanPlugin(typeof(Jobman.Plugins.KubernetesJobs.KubernetesJobsPlugin))]

namespace Jobman.Plugins.KubernetesJobs;

/// <summary>Entry point of the KubernetesJobs plugin.</summary>
public sealed class KubernetesJobsPlugin : IJobmanPlugin
{
    public void ConfigureServices(IServiceCollection services)
    {
    }
}
