using System.Net;
using Jobman.Core;
using Jobman.Core.Settings;
using Jobman.Kubernetes;
using Jobman.Kubernetes.Names;
using Jobman.Plugins.KubernetesQueue.Model;
using Jobman.Plugins.KubernetesQueue.Reading;
using k8s;

namespace Jobman.Plugins.KubernetesQueue.Commands;

/// <summary>Reads and parses the queue ConfigMap named by <c>jobsQueue.namespace</c> / <c>jobsQueue.configmap</c>.</summary>
internal sealed class QueueConfigMapReader(KubernetesRetry retry)
{
    private const string CheckSettings = "check settings jobsQueue.namespace and jobsQueue.configmap, and that the publisher CronJob ('jobman queue publish', see deploy/) runs";

    /// <summary>The queue ConfigMap's namespace and name from settings, validated before any request.</summary>
    public static (NamespaceName Namespace, ObjectName Name) QueueLocation(JobsQueueSettings queue) =>
        (NamespaceName.Parse(queue.Namespace, "settings jobsQueue.namespace"), ObjectName.Parse(queue.Configmap, "ConfigMap", "settings jobsQueue.configmap"));

    public async Task<QueueSnapshot> ReadAsync(ClusterConnection connection, JobsQueueSettings queue, CancellationToken cancellationToken)
    {
        var (ns, name) = QueueLocation(queue);
        var where = $"'{queue.Namespace}/{queue.Configmap}'";
        k8s.Models.V1ConfigMap configMap;
        try
        {
            configMap = await retry.RunAsync(
                ct => connection.Client.CoreV1.ReadNamespacedConfigMapAsync(name.Value, ns.Value, cancellationToken: ct),
                connection, $"read the queue ConfigMap {where}", idempotent: true, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new JobmanException($"the queue is not available: ConfigMap '{queue.Configmap}' does not exist in namespace '{queue.Namespace}'; {CheckSettings}", ExitCodes.Failed, ex);
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new JobmanException($"{ex.Message}; ask the cluster administrator for 'get' on that ConfigMap (see deploy/queue-readers-rbac.yaml)", ExitCodes.Failed, ex);
        }

        if (configMap.Data is null || !configMap.Data.TryGetValue(queue.Configmap, out var json) || string.IsNullOrWhiteSpace(json))
        {
            throw new JobmanException($"the queue is not available: ConfigMap {where} has no data key '{queue.Configmap}'; {CheckSettings}");
        }

        try
        {
            return QueueDocumentReader.Read(json);
        }
        catch (QueueFormatException ex)
        {
            throw new JobmanException($"the queue ConfigMap {where} (key '{queue.Configmap}') is not a queue document: {ex.Message}; {CheckSettings}", ExitCodes.Failed, ex);
        }
    }
}
