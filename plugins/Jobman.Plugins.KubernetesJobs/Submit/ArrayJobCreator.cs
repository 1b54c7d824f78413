using Jobman.Core;
using Jobman.Core.Output;
using Jobman.Plugins.KubernetesJobs.Cluster;
using k8s.Models;

namespace Jobman.Plugins.KubernetesJobs.Submit;

/// <summary>
/// Creates a job with its task table: the table first (so no pod ever starts without it), then the job, then the job
/// becomes the table's owner so Kubernetes deletes both together. A job that cannot be created takes its table with it.
/// </summary>
internal sealed class ArrayJobCreator(JobsApi api, IOutput output)
{
    public async Task<V1Job> CreateAsync(V1Job job, V1ConfigMap? table, CancellationToken cancellationToken)
    {
        if (table is null)
        {
            return await api.CreateJobAsync(job, cancellationToken).ConfigureAwait(false);
        }

        await api.CreateConfigMapAsync(table, cancellationToken).ConfigureAwait(false);
        V1Job created;
        try
        {
            created = await api.CreateJobAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            await DeleteQuietlyAsync(table.Metadata.Name).ConfigureAwait(false);
            throw;
        }

        try
        {
            await api.SetConfigMapOwnerAsync(table.Metadata.Name, created, cancellationToken).ConfigureAwait(false);
        }
        catch (JobmanException ex)
        {
            output.Warn($"ConfigMap '{table.Metadata.Name}' could not be tied to the job ({ex.Message}): it stays when the job is deleted; remove it then with 'kubectl delete configmap {table.Metadata.Name}'");
        }

        return created;
    }

    private async Task DeleteQuietlyAsync(string name)
    {
        try
        {
            // Not the command's token: a Ctrl+C that stopped the job's creation must still clean up.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await api.DeleteConfigMapAsync(name, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JobmanException or OperationCanceledException)
        {
            output.Warn($"ConfigMap '{name}' was left behind; delete it with 'kubectl delete configmap {name}'");
        }
    }
}
