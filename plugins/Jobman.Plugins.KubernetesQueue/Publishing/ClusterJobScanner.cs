using System.Net;
using Jobman.Core;
using Jobman.Kubernetes;
using Jobman.Plugins.KubernetesQueue.Model;
using k8s;
using k8s.Models;

namespace Jobman.Plugins.KubernetesQueue.Publishing;

/// <summary>
/// Lists every active job of the cluster with its phase in a constant number of paged calls: all jobs once, all
/// job pods once (label <c>batch.kubernetes.io/job-name</c>), never one call per job like the original CronJob.
/// </summary>
internal sealed class ClusterJobScanner(KubernetesRetry retry)
{
    public const int PageSize = 500;
    public const string JobPodSelector = "batch.kubernetes.io/job-name";
    private const int ExpiredRestarts = 3;

    /// <summary>Lists the active jobs.</summary>
    /// <param name="connection">The cluster.</param>
    /// <param name="flavorKey">Annotation (or label) holding the flavor name.</param>
    /// <param name="namespacePrefix">Only namespaces starting with this, when given.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    public async Task<List<QueueJob>> ScanAsync(ClusterConnection connection, string flavorKey, string? namespacePrefix, CancellationToken cancellationToken)
    {
        bool Wanted(string? ns) => namespacePrefix is null || (ns ?? string.Empty).StartsWith(namespacePrefix, StringComparison.Ordinal);

        var jobs = await ListAllAsync(
            (cont, ct) => connection.Client.BatchV1.ListJobForAllNamespacesAsync(continueParameter: cont, limit: PageSize, cancellationToken: ct),
            page => (page.Items, page.Metadata?.ContinueProperty),
            connection, "list jobs in all namespaces", cancellationToken).ConfigureAwait(false);
        var active = jobs.Where(j => Wanted(j.Metadata?.NamespaceProperty) && !IsFinished(j)).ToList();
        if (active.Count == 0)
        {
            return [];
        }

        var pods = await ListAllAsync(
            (cont, ct) => connection.Client.CoreV1.ListPodForAllNamespacesAsync(labelSelector: JobPodSelector, continueParameter: cont, limit: PageSize, cancellationToken: ct),
            page => (page.Items, page.Metadata?.ContinueProperty),
            connection, "list job pods in all namespaces", cancellationToken).ConfigureAwait(false);
        var podPhases = PodPhasesByJob(pods.Where(p => Wanted(p.Metadata?.NamespaceProperty)));

        return active.Select(job => ToQueueJob(job, podPhases, flavorKey)).ToList();
    }

    private async Task<List<TItem>> ListAllAsync<TList, TItem>(
        Func<string?, CancellationToken, Task<TList>> call,
        Func<TList, (IList<TItem>? Items, string? Continue)> read,
        ClusterConnection connection,
        string action,
        CancellationToken cancellationToken)
    {
        for (var restart = 0; ; restart++)
        {
            var items = new List<TItem>();
            string? cont = null;
            try
            {
                do
                {
                    var token = cont;
                    var page = await retry.RunAsync(ct => call(token, ct), connection, action, idempotent: true, cancellationToken).ConfigureAwait(false);
                    var (pageItems, next) = read(page);
                    items.AddRange(pageItems ?? []);
                    cont = next;
                }
                while (!string.IsNullOrEmpty(cont));
                return items;
            }
            catch (JobmanException ex) when (restart < ExpiredRestarts && ex.InnerException is { } inner && KubernetesErrors.StatusCodeOf(inner) == HttpStatusCode.Gone)
            {
                // The continue token expired while paging a large list: start over for a consistent snapshot.
            }
        }
    }

    private static bool IsFinished(V1Job job) =>
        job.Status?.Conditions?.Any(c => c.Type is "Complete" or "Failed" && string.Equals(c.Status, "True", StringComparison.OrdinalIgnoreCase)) == true;

    /// <summary>Live pod phases per job, keyed by the job's UID (controller owner reference, else the UID labels).</summary>
    private static Dictionary<string, List<string>> PodPhasesByJob(IEnumerable<V1Pod> pods)
    {
        var byJob = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (pod.Metadata?.DeletionTimestamp is not null || pod.Status?.Phase is "Succeeded" or "Failed")
            {
                continue;
            }

            var key = JobKeyOf(pod);
            if (key is null)
            {
                continue;
            }

            if (!byJob.TryGetValue(key, out var phases))
            {
                phases = [];
                byJob[key] = phases;
            }

            phases.Add(pod.Status?.Phase ?? QueuePhases.Pending);
        }

        return byJob;
    }

    private static string? JobKeyOf(V1Pod pod)
    {
        var owner = pod.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Kind == "Job" && o.Controller == true);
        if (owner?.Uid is { Length: > 0 } uid)
        {
            return uid;
        }

        var labels = pod.Metadata?.Labels;
        if (labels is not null && (labels.TryGetValue("batch.kubernetes.io/controller-uid", out var byLabel) || labels.TryGetValue("controller-uid", out byLabel)))
        {
            return byLabel;
        }

        return labels is not null && labels.TryGetValue(JobPodSelector, out var name) ? $"{pod.Metadata!.NamespaceProperty}/{name}" : null;
    }

    private static string? ValueOf(IDictionary<string, string>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : null;

    private static QueueJob ToQueueJob(V1Job job, Dictionary<string, List<string>> podPhases, string flavorKey)
    {
        var meta = job.Metadata;
        var phases = (meta?.Uid is { } uid ? podPhases.GetValueOrDefault(uid) : null)
            ?? podPhases.GetValueOrDefault($"{meta?.NamespaceProperty}/{meta?.Name}")
            ?? [];
        var phase = phases.Contains(QueuePhases.Running) ? QueuePhases.Running
            : job.Spec?.Suspend == true ? QueuePhases.Suspended
            : QueuePhases.Pending;
        var flavor = ValueOf(meta?.Annotations, flavorKey) ?? ValueOf(meta?.Labels, flavorKey);
        var requests = job.Spec?.Template?.Spec?.Containers?.FirstOrDefault()?.Resources?.Requests;
        return new QueueJob(
            meta?.NamespaceProperty ?? string.Empty,
            meta?.Name ?? string.Empty,
            meta?.Uid,
            meta?.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
            phase,
            string.IsNullOrEmpty(flavor) ? null : flavor,
            requests?.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal) ?? new Dictionary<string, string>(StringComparer.Ordinal));
    }
}
