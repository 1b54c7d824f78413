using System.Net;
using Jobman.Kubernetes;
using k8s;
using k8s.Models;

namespace Jobman.Plugins.KubernetesQueue.Publishing;

/// <summary>
/// Writes one data key of a ConfigMap without losing concurrent changes to it: read it with its resourceVersion,
/// replace it carrying that resourceVersion (the API server refuses with 409 Conflict if it changed meanwhile),
/// and start over on 409. Creates the ConfigMap when it does not exist. Other data keys are kept.
/// </summary>
internal sealed class QueueConfigMapWriter(KubernetesRetry retry)
{
    public const int MaxAttempts = 5;

    public async Task<QueueWriteResult> WriteAsync(ClusterConnection connection, string ns, string name, string key, string value, CancellationToken cancellationToken)
    {
        var what = $"the queue ConfigMap '{ns}/{name}'";
        for (var attempt = 1; ; attempt++)
        {
            var existing = await GetAsync(connection, ns, name, what, cancellationToken).ConfigureAwait(false);
            try
            {
                if (existing is null)
                {
                    var created = new V1ConfigMap
                    {
                        Metadata = new V1ObjectMeta
                        {
                            Name = name,
                            NamespaceProperty = ns,
                            Labels = new Dictionary<string, string>
                            {
                                [JobLabels.ManagedBy] = JobLabels.ManagedByValue,
                                ["app.kubernetes.io/component"] = "queue",
                            },
                        },
                        Data = new Dictionary<string, string> { [key] = value },
                    };
                    await retry.RunAsync(
                        ct => connection.Client.CoreV1.CreateNamespacedConfigMapAsync(created, ns, cancellationToken: ct),
                        connection, $"create {what}", idempotent: false, cancellationToken).ConfigureAwait(false);
                    return new QueueWriteResult(true, attempt);
                }

                existing.Data ??= new Dictionary<string, string>();
                existing.Data[key] = value;
                await retry.RunAsync(
                    ct => connection.Client.CoreV1.ReplaceNamespacedConfigMapAsync(existing, name, ns, cancellationToken: ct),
                    connection, $"update {what}", idempotent: true, cancellationToken).ConfigureAwait(false);
                return new QueueWriteResult(false, attempt);
            }
            catch (KubernetesApiException ex) when (attempt < MaxAttempts && ex.StatusCode == HttpStatusCode.Conflict)
            {
                // Someone else changed (or created) it between our read and our write: read again and redo.
            }
        }
    }

    private async Task<V1ConfigMap?> GetAsync(ClusterConnection connection, string ns, string name, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await retry.RunAsync(
                ct => connection.Client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: ct),
                connection, $"read {what}", idempotent: true, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
