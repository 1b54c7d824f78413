using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Jobman.Core;
using Jobman.Kubernetes;
using Jobman.Kubernetes.Names;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;
using k8s;
using k8s.Models;

namespace Jobman.Plugins.KubernetesJobs.Cluster;

/// <summary>
/// The Kubernetes calls the job commands make, each with retries and with messages that name the job and namespace.
/// Lists are paged (limit + continue) and a continue token that expired (410) restarts the list once.
/// </summary>
internal sealed class JobsApi(ClusterConnection connection, KubernetesRetry retry)
{
    public const int PageSize = 500;

    public ClusterConnection Connection => connection;

    public string Namespace => connection.Namespace;

    private IKubernetes Client => connection.Client;

    public async Task<V1Job> GetJobAsync(JobName name, CancellationToken cancellationToken)
    {
        try
        {
            return await retry.RunAsync(ct => Client.BatchV1.ReadNamespacedJobAsync(name.Value, Namespace, cancellationToken: ct), connection, $"read job '{name}'", idempotent: true, cancellationToken).ConfigureAwait(false);
        }
        catch (JobmanException ex) when (IsStatus(ex, HttpStatusCode.NotFound))
        {
            throw NotFound(name, ex);
        }
    }

    /// <summary>The job, or null when it does not exist.</summary>
    public async Task<V1Job?> FindJobAsync(JobName name, CancellationToken cancellationToken)
    {
        try
        {
            return await retry.RunAsync(ct => Client.BatchV1.ReadNamespacedJobAsync(name.Value, Namespace, cancellationToken: ct), connection, $"read job '{name}'", idempotent: true, cancellationToken).ConfigureAwait(false);
        }
        catch (JobmanException ex) when (IsStatus(ex, HttpStatusCode.NotFound))
        {
            return null;
        }
    }

    public JobmanException NotFound(JobName name, Exception? inner = null) =>
        new($"job '{name}' not found in namespace '{Namespace}'", ExitCodes.Failed, inner);

    public async Task<V1Job> CreateJobAsync(V1Job job, CancellationToken cancellationToken)
    {
        var name = job.Metadata.Name;
        try
        {
            // A create is not idempotent: only a 429 (not processed by the server) is retried.
            return await retry.RunAsync(ct => Client.BatchV1.CreateNamespacedJobAsync(job, Namespace, cancellationToken: ct), connection, $"create job '{name}' in namespace '{Namespace}'", idempotent: false, cancellationToken).ConfigureAwait(false);
        }
        catch (JobmanException ex) when (IsStatus(ex, HttpStatusCode.Conflict))
        {
            throw new JobmanException($"a job named '{name}' already exists in namespace '{Namespace}'; choose another -j", ExitCodes.Failed, ex);
        }
    }

    /// <summary>
    /// Deletes the job whose uid is <paramref name="uid"/>: the server refuses (409 Conflict) when the name now belongs
    /// to another object, so a delete never reaches a job the user was not shown.
    /// </summary>
    public async Task DeleteJobAsync(JobName name, string uid, CancellationToken cancellationToken)
    {
        var options = new V1DeleteOptions
        {
            // Background propagation: batch/v1 would otherwise orphan the job's pods.
            PropagationPolicy = "Background",
            Preconditions = new V1Preconditions { Uid = uid },
        };
        try
        {
            await retry.RunAsync(ct => Client.BatchV1.DeleteNamespacedJobAsync(name.Value, Namespace, options, propagationPolicy: "Background", cancellationToken: ct), connection, $"delete job '{name}'", idempotent: true, cancellationToken).ConfigureAwait(false);
        }
        catch (JobmanException ex) when (IsStatus(ex, HttpStatusCode.Conflict))
        {
            throw new JobmanException($"job '{name}' changed since it was read (another job has its name now); it was left alone", ExitCodes.Failed, ex);
        }
        catch (JobmanException ex) when (IsStatus(ex, HttpStatusCode.NotFound))
        {
            throw NotFound(name, ex);
        }
    }

    /// <summary>
    /// All jobs (jobman-managed only unless <paramref name="allJobs"/>), following continue tokens. The jobs carry only
    /// the fields <see cref="SlimJob"/> reads: enough to show and derive a status, not to write back.
    /// </summary>
    public async Task<Listed<V1Job>> ListJobsAsync(bool allJobs, CancellationToken cancellationToken)
    {
        var (items, version) = await ListAllAsync(JobsPath, JobsSelector(allJobs), SlimJson.Default.SlimListSlimJob, "list jobs", cancellationToken).ConfigureAwait(false);
        return new(items.ConvertAll(j => j.ToModel()), version);
    }

    /// <summary>
    /// The pods of all (jobman's, unless <paramref name="allJobs"/>) jobs in the namespace: one paged list, never one
    /// call per job. jobman labels its pod templates too, so its pods can be selected like its jobs.
    /// </summary>
    public Task<Listed<V1Pod>> ListJobPodsAsync(bool allJobs, CancellationToken cancellationToken) =>
        ListPodsAsync(JobPodsSelector(allJobs), cancellationToken);

    public async Task<List<V1Pod>> ListPodsOfJobAsync(JobName jobName, CancellationToken cancellationToken) =>
        (await ListPodsAsync($"{JobLabels.JobName}={jobName}", cancellationToken).ConfigureAwait(false)).Items;

    /// <summary>
    /// Opens a watch of the jobs (or, with <paramref name="pods"/>, the job pods) <see cref="ListJobsAsync"/> and
    /// <see cref="ListJobPodsAsync"/> list, from <paramref name="resourceVersion"/>; the caller reads the events.
    /// The server ends it after 5 minutes at the latest.
    /// </summary>
    public Task<HttpResponseMessage> OpenWatchAsync(bool pods, bool allJobs, string? resourceVersion, CancellationToken cancellationToken)
    {
        KeyValuePair<string, string?>[] query =
        [
            new("watch", "true"),
            new("labelSelector", pods ? JobPodsSelector(allJobs) : JobsSelector(allJobs)),
            new("resourceVersion", resourceVersion),
            new("timeoutSeconds", "300"),
        ];
        return retry.RunAsync(
            ct => ApiGetRequest.SendAsync(connection, pods ? PodsPath : JobsPath, query, ct),
            connection,
            $"watch {(pods ? "pods" : "jobs")} in namespace '{Namespace}'",
            idempotent: true,
            cancellationToken);
    }

    public async Task<V1Pod?> FindPodAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await retry.RunAsync(ct => Client.CoreV1.ReadNamespacedPodAsync(name, Namespace, cancellationToken: ct), connection, $"read pod '{name}'", idempotent: true, cancellationToken).ConfigureAwait(false);
        }
        catch (JobmanException ex) when (IsStatus(ex, HttpStatusCode.NotFound))
        {
            return null;
        }
    }

    /// <summary>Events about one object; null when events cannot be read (not found or not allowed).</summary>
    public async Task<IList<Corev1Event>?> TryListEventsAsync(string objectName, CancellationToken cancellationToken)
    {
        try
        {
            var list = await retry.RunAsync(ct => Client.CoreV1.ListNamespacedEventAsync(Namespace, fieldSelector: $"involvedObject.name={objectName}", cancellationToken: ct), connection, "list events", idempotent: true, cancellationToken).ConfigureAwait(false);
            return list.Items;
        }
        catch (JobmanException ex) when (IsStatus(ex, HttpStatusCode.NotFound) || IsStatus(ex, HttpStatusCode.Forbidden))
        {
            return null;
        }
    }

    /// <summary>A ConfigMap in the current namespace, or null when it does not exist or may not be read.</summary>
    public async Task<V1ConfigMap?> TryGetConfigMapAsync(ObjectName name, CancellationToken cancellationToken)
    {
        try
        {
            return await retry.RunAsync(ct => Client.CoreV1.ReadNamespacedConfigMapAsync(name.Value, Namespace, cancellationToken: ct), connection, $"read ConfigMap '{name}'", idempotent: true, cancellationToken).ConfigureAwait(false);
        }
        catch (JobmanException ex) when (IsStatus(ex, HttpStatusCode.NotFound) || IsStatus(ex, HttpStatusCode.Forbidden))
        {
            return null;
        }
    }

    /// <summary>
    /// Opens a pod's log as a stream. Sent by hand because the generated client has no <c>sinceTime</c> parameter,
    /// which a reconnecting follower needs.
    /// </summary>
    public Task<HttpResponseMessage> OpenPodLogAsync(string pod, IEnumerable<KeyValuePair<string, string>> query, CancellationToken cancellationToken) =>
        retry.RunAsync(
            ct => ApiGetRequest.SendAsync(connection, $"/api/v1/namespaces/{Uri.EscapeDataString(Namespace)}/pods/{Uri.EscapeDataString(pod)}/log", query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value)), ct),
            connection,
            $"read the log of pod '{pod}'",
            idempotent: true,
            cancellationToken);

    public static bool IsStatus(Exception exception, HttpStatusCode code) =>
        KubernetesErrors.StatusCodeOf(exception) == code || (exception.InnerException is { } inner && KubernetesErrors.StatusCodeOf(inner) == code);

    private string JobsPath => $"/apis/batch/v1/namespaces/{Uri.EscapeDataString(Namespace)}/jobs";

    private string PodsPath => $"/api/v1/namespaces/{Uri.EscapeDataString(Namespace)}/pods";

    private static string? JobsSelector(bool allJobs) => allJobs ? null : JobLabels.ManagedSelector;

    private static string JobPodsSelector(bool allJobs) => allJobs ? JobLabels.JobName : $"{JobLabels.JobName},{JobLabels.ManagedSelector}";

    /// <summary>Pods with only the fields <see cref="SlimPod"/> reads (status, owner, node).</summary>
    private async Task<Listed<V1Pod>> ListPodsAsync(string selector, CancellationToken cancellationToken)
    {
        var (items, version) = await ListAllAsync(PodsPath, selector, SlimJson.Default.SlimListSlimPod, "list pods", cancellationToken).ConfigureAwait(false);
        return new(items.ConvertAll(p => p.ToModel()), version);
    }

    private async Task<SlimList<T>> GetSlimListAsync<T>(string path, string? selector, string? token, int? limit, JsonTypeInfo<SlimList<T>> type, CancellationToken cancellationToken)
    {
        KeyValuePair<string, string?>[] query =
        [
            new("labelSelector", selector),
            new("limit", limit?.ToString(CultureInfo.InvariantCulture)),
            new("continue", token),
        ];
        using var response = await ApiGetRequest.SendAsync(connection, path, query, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync(body, type, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"the API server answered {path} with null");
    }

    private async Task<Listed<T>> ListAllAsync<T>(string path, string? selector, JsonTypeInfo<SlimList<T>> type, string action, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? version = null;
        string? token = null;
        try
        {
            do
            {
                var current = token;
                var page = await retry.RunAsync(ct => GetSlimListAsync(path, selector, current, PageSize, type, ct), connection, $"{action} in namespace '{Namespace}'", idempotent: true, cancellationToken).ConfigureAwait(false);
                items.AddRange(page.Items ?? []);

                // Every page of a paged list is read at the first page's snapshot.
                version ??= page.Metadata?.ResourceVersion;
                token = string.IsNullOrEmpty(page.Metadata?.Continue) ? null : page.Metadata.Continue;
            }
            while (token is not null);
            return new(items, version);
        }
        catch (JobmanException ex) when (token is not null && IsStatus(ex, HttpStatusCode.Gone))
        {
            // The continue token expired between pages (etcd compaction). Like client-go's pager, fall back to one
            // unpaged list: consistent, at the price of a bigger response.
            var whole = await retry.RunAsync(ct => GetSlimListAsync(path, selector, null, null, type, ct), connection, $"{action} in namespace '{Namespace}'", idempotent: true, cancellationToken).ConfigureAwait(false);
            return new(whole.Items ?? [], whole.Metadata?.ResourceVersion);
        }
    }
}
