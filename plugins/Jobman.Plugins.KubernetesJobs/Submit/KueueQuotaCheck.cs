using System.Globalization;
using Jobman.Core;
using Jobman.Core.Flavors;
using Jobman.Kubernetes.Kueue;

namespace Jobman.Plugins.KubernetesJobs.Submit;

/// <summary>
/// Before a queued job is created: the LocalQueue must exist (a job in a missing queue, or on a cluster without
/// Kueue, would stay suspended for ever), and when its ClusterQueue can be read, the flavor's requests must fit the
/// quota of some flavor of the queue, or Kueue would never admit it. Quotas the user may not read are not checked.
/// </summary>
internal static class KueueQuotaCheck
{
    public static async Task CheckAsync(KueueApi kueue, string queue, ResourceFlavor flavor, CancellationToken cancellationToken)
    {
        var queues = await kueue.ListLocalQueuesAsync(cancellationToken).ConfigureAwait(false);
        if (queues.NotInstalled)
        {
            throw JobmanException.Usage($"this cluster has no Kueue (kueue.x-k8s.io is not served), so a job in queue '{queue}' would stay suspended; submit without --queue (or unset job.queue)");
        }

        if (queues.Value is not { } localQueues)
        {
            return;
        }

        var localQueue = localQueues.FirstOrDefault(q => q.Name == queue)
            ?? throw JobmanException.Usage($"LocalQueue '{queue}' does not exist in namespace '{kueue.Namespace}'"
                + (localQueues.Count > 0 ? $" (its LocalQueues: {string.Join(", ", localQueues.Select(q => q.Name))})" : " (it has no LocalQueue)"));
        var clusterQueue = (await kueue.GetClusterQueueAsync(localQueue.ClusterQueue, cancellationToken).ConfigureAwait(false)).Value;
        if (clusterQueue is null)
        {
            return;
        }

        foreach (var (resource, text) in Requests(flavor))
        {
            if (KueueQuantity.Value(text) is not { } wanted || wanted == 0)
            {
                continue;
            }

            var quotas = clusterQueue.Quota.Where(q => q.Resource == resource).ToList();
            var where = $"ClusterQueue '{clusterQueue.Name}' (LocalQueue '{queue}')";
            if (quotas.Count == 0)
            {
                throw JobmanException.Usage($"flavor '{flavor.Name}' asks for {text} {resource} but {where} has no quota for {resource}: Kueue would never admit the job");
            }

            if (quotas.All(q => KueueQuantity.Value(q.Quota) is { } quota && quota < wanted))
            {
                var offered = string.Join(", ", quotas.Select(q => $"{q.Flavor}: {q.Quota}"));
                throw JobmanException.Usage($"flavor '{flavor.Name}' asks for {text} {resource} but {where} allows at most {quotas.Max(q => KueueQuantity.Value(q.Quota) ?? 0).ToString(CultureInfo.InvariantCulture)} {resource} in any flavor ({offered}): Kueue would never admit the job");
            }
        }
    }

    /// <summary>What Kueue counts: the requests, and a limit where no request is given (apiserver defaults the request to it).</summary>
    private static IEnumerable<KeyValuePair<string, string>> Requests(ResourceFlavor flavor) =>
        flavor.Requests.Concat(flavor.Limits.Where(l => !flavor.Requests.ContainsKey(l.Key))).OrderBy(r => r.Key, StringComparer.Ordinal);
}
