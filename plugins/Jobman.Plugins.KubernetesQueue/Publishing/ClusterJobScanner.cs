using Jobman.Kubernetes;
using Jobman.Kubernetes.Lists;
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
    public const string JobPodSelector = JobLabels.JobName;

    /// <summary>Lists the active jobs.</summary>
    /// <param name="connection">The cluster.</param>
    /// <param name="flavorKey">Annotation (or label) holding the flavor name.</param>
    /// <param name="namespacePrefix">Only namespaces starting with this, when given.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    public async Task<List<QueueJob>> ScanAsync(ClusterConnection connection, string flavorKey, string? namespacePrefix, CancellationToken cancellationToken)
    {
        bool Wanted(string? ns) => namespacePrefix is null || (ns ?? string.Empty).StartsWith(namespacePrefix, StringComparison.Ordinal);

        var jobs = (await ListPager.ListAllAsync(
            (cont, limit, ct) => connection.Client.BatchV1.ListJobForAllNamespacesAsync(continueParameter: cont, limit: limit, cancellationToken: ct),
            page => new ListPage<V1Job>(page.Items, page.Metadata?.ContinueProperty, page.Metadata?.ResourceVersion),
            retry, connection, "list jobs in all namespaces", cancellationToken).ConfigureAwait(false)).Items;
        var active = jobs.Where(j => Wanted(j.Metadata?.NamespaceProperty) && !IsFinished(j)).ToList();
        if (active.Count == 0)
        {
            return [];
        }

        var pods = (await ListPager.ListAllAsync(
            (cont, limit, ct) => connection.Client.CoreV1.ListPodForAllNamespacesAsync(labelSelector: JobPodSelector, continueParameter: cont, limit: limit, cancellationToken: ct),
            page => new ListPage<V1Pod>(page.Items, page.Metadata?.ContinueProperty, page.Metadata?.ResourceVersion),
            retry, connection, "list job pods in all namespaces", cancellationToken).ConfigureAwait(false)).Items;
        var podPhases = PodPhasesByJob(pods.Where(p => Wanted(p.Metadata?.NamespaceProperty)));

        return active.Select(job => ToQueueJob(job, podPhases, flavorKey)).ToList();
    }

    private static bool IsFinished(V1Job job) =>
        job.Status?.Conditions?.Any(c => JobConditions.IsFinished(c.Type, c.Status)) == true;

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
        if (labels is not null && (labels.TryGetValue(JobLabels.ControllerUid, out var byLabel) || labels.TryGetValue(JobLabels.LegacyControllerUid, out byLabel)))
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
