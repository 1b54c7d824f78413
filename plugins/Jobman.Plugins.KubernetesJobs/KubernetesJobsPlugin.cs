using Jobman.Core.Commands;
using Jobman.Core.Plugins;
using Jobman.Kubernetes;
using Jobman.Plugins.KubernetesJobs.Cluster;
using Jobman.Plugins.KubernetesJobs.Commands;
using Jobman.Plugins.KubernetesJobs.History;
using Jobman.Plugins.KubernetesJobs.Submit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

[assembly: JobmanPlugin(typeof(Jobman.Plugins.KubernetesJobs.KubernetesJobsPlugin))]

namespace Jobman.Plugins.KubernetesJobs;

/// <summary>Entry point of the KubernetesJobs plugin: submit (also arrays and sweeps), list, details, logs, delete, wait, adopt, rerun, suspend, resume.</summary>
/// <remarks>Reads only keys of the original's <c>job</c> and <c>kubeConfig</c> sections, which the host already knows.</remarks>
public sealed class KubernetesJobsPlugin : IJobmanPlugin
{
    public void ConfigureServices(IServiceCollection services)
    {
        services.AddJobmanKubernetes();
        services.TryAddSingleton(JobTimings.Default);
        services.TryAddSingleton<JobsApiFactory>();
        services.AddSingleton<IImageCheck, RegistryImageCheck>();
        services.AddSingleton<JobJournalHook>();
        services.AddSingleton<ICommand, SubmitCommand>();
        services.AddSingleton<ICommand, ListCommand>();
        services.AddSingleton<ICommand, DetailsCommand>();
        services.AddSingleton<ICommand, LogsCommand>();
        services.AddSingleton<ICommand, DeleteCommand>();
        services.AddSingleton<ICommand, WaitCommand>();
        services.AddSingleton<ICommand, AdoptCommand>();
        services.AddSingleton<ICommand, RerunCommand>();
        services.AddSingleton<ICommand, SuspendCommand>();
        services.AddSingleton<ICommand, ResumeCommand>();
    }
}
