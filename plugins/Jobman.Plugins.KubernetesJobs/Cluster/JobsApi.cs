using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jobman.Core;
using Jobman.Kubernetes;
using Jobman.Kubernetes.Lists;
using Jobman.Kubernetes.Names;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;
using k8s;
using k8s.Models;

namespace Jobman.Plugins.KubernetesJobs.Cluster;

/// <summary>
/// The Kubernetes calls the job commands make, each with retries and with messages that name the job and namespace.
/// Lists go through the shared <see cref="ListPager"/>; API errors arrive as <see cref="KubernetesApiException"/>.
/// </summary>
internal sealed class JobsApi(ClusterConnection connection, KubernetesRetry retry)
{
    public ClusterConnection Connection => connection;

    /// <summary>Kueue's objects in this namespace (workloads, queues, positions), read only when a job is queued.</summary>
    public Jobman.Kubernetes.Kueue.KueueApi Kueue { get; } = new(connection, retry);

    public string Namespace => connection.Namespace;

    private IKubernetes Client => connection.Client;

    /// <summary>The job as jobman reads it.</summary>
    /// <exception cref="JobmanException">When it does not exist (exit code 1) or cannot be read.</exception>
    public async Task<SlimJob> GetJobAsync(JobName name, CancellationToken cancellationToken) =>
        await FindJobAsync(name, cancellationToken).ConfigureAwait(false) ?? throw NotFound(name);

    /// <summary>The job, or null when it does not exist.</summary>
    public async Task<SlimJob?> FindJobAsync(JobName name, CancellationToken cancellationToken)
    {
        var body = await TryReadAsync(JobPath(name), $"read job '{name}'", cancellationToken).ConfigureAwait(false);
        return body is null ? null : SlimReader.Job(body);
    }

    /// <summary>The job exactly as the server sent it, with jobman's reading of it.</summary>
    /// <exception cref="JobmanException">When it does not exist (exit code 1) or cannot be read.</exception>
    public async Task<ServerObject<SlimJob>> GetJobObjectAsync(JobName name, CancellationToken cancellationToken)
    {
        var body = await TryReadAsync(JobPath(name), $"read job '{name}'", cancellationToken).ConfigureAwait(false) ?? throw NotFound(name);
        var json = JsonNode.Parse(body) as JsonObject ?? throw new JsonException($"the API server answered {JobPath(name)} with something else than an object");
        return new(json, SlimReader.Job(body)!);
    }

    public KubernetesApiException NotFound(JobName name, Exception? inner = null) =>
        new($"job '{name}' not found in namespace '{Namespace}'", HttpStatusCode.NotFound, "NotFound", "jobs", name.Value, inner);

    public async Task<V1Job> CreateJobAsync(V1Job job, CancellationToken cancellationToken)
    {
        var name = job.Metadata.Name;
        try
        {
            // A create is not idempotent: only a 429 (not processed by the server) is retried.
            return await retry.RunAsync(ct => Client.BatchV1.CreateNamespacedJobAsync(job, Namespace, cancellationToken: ct), connection, $"create job '{name}' in namespace '{Namespace}'", idempotent: false, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            throw ex.WithMessage($"a job named '{name}' already exists in namespace '{Namespace}'; choose another -j");
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
        catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            throw ex.WithMessage($"job '{name}' changed since it was read (another job has its name now); it was left alone");
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw NotFound(name, ex);
        }
    }

    /// <summary>
    /// All jobs (jobman-managed only unless <paramref name="allJobs"/>), following continue tokens, as jobman's read
    /// model: enough to show and derive a status, not to write back.
    /// </summary>
    public Task<Listed<SlimJob>> ListJobsAsync(bool allJobs, CancellationToken cancellationToken) =>
        ListAllAsync(JobsPath, JobsSelector(allJobs), SlimReader.JobList, "list jobs", cancellationToken);

    /// <summary>Jobs without jobman's label (created by jobman 1.3.x, kubectl or anything else), as jobman's read model.</summary>
    public Task<Listed<SlimJob>> ListUnmanagedJobsAsync(CancellationToken cancellationToken) =>
        ListAllAsync(JobsPath, "!" + JobLabels.ManagedBy, SlimReader.JobList, "list jobs", cancellationToken);

    /// <summary>
    /// Adds labels to a job with a merge patch that carries the resourceVersion the user was shown, so a job changed
    /// or re-created meanwhile is not touched (409 Conflict).
    /// </summary>
    public Task AddJobLabelsAsync(SlimJob job, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        // The name came from the server; parsed like a typed name so nothing unchecked reaches a URL.
        var name = JobName.Parse(job.Metadata?.Name ?? throw new ArgumentException("the job has no name", nameof(job)), "the job list");
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = job.Metadata.ResourceVersion,
                ["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))),
            },
        };
        return PatchJobAsync(name, patch, "label", $"job '{name}' changed since it was listed; run the command again", cancellationToken);
    }

    /// <summary>
    /// Sends a merge patch that carries the resourceVersion the user was shown (so a job changed or re-created
    /// meanwhile is not touched: 409 Conflict, reported as <paramref name="conflict"/>).
    /// </summary>
    private async Task PatchJobAsync(JobName name, JsonObject patch, string verb, string conflict, CancellationToken cancellationToken)
    {
        try
        {
            await retry.RunAsync(ct => Client.BatchV1.PatchNamespacedJobAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), name.Value, Namespace, cancellationToken: ct), connection, $"{verb} job '{name}'", idempotent: true, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw NotFound(name, ex);
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            throw ex.WithMessage(conflict);
        }
    }

    /// <summary>
    /// The pods of all jobs in the namespace: one paged list, never one call per job. Selected by the label the Job
    /// controller puts on every pod it creates, not by jobman's own label, which templates and kubectl may not set.
    /// </summary>
    public Task<Listed<SlimPod>> ListJobPodsAsync(CancellationToken cancellationToken) =>
        ListAllAsync(PodsPath, JobPodsSelector, SlimReader.PodList, "list pods", cancellationToken);

    public async Task<List<SlimPod>> ListPodsOfJobAsync(JobName jobName, CancellationToken cancellationToken) =>
        (await ListAllAsync(PodsPath, PodsOfJobSelector(jobName), SlimReader.PodList, "list pods", cancellationToken).ConfigureAwait(false)).Items;

    /// <summary>
    /// The pods of one job exactly as the server sent them, each with the <c>kind</c> and <c>apiVersion</c> a list
    /// leaves out of its items (as <c>kubectl get -o json</c> adds them), with jobman's reading of each.
    /// </summary>
    public async Task<List<ServerObject<SlimPod>>> ListPodObjectsOfJobAsync(JobName jobName, CancellationToken cancellationToken) =>
        (await ListPager.ListAllAsync(
            (token, limit, ct) => ReadAsync(PodsPath, [new("labelSelector", PodsOfJobSelector(jobName)), new("limit", limit?.ToString(CultureInfo.InvariantCulture)), new("continue", token)], ct),
            ReadPodObjectsPage,
            retry,
            connection,
            $"list pods in namespace '{Namespace}'",
            cancellationToken).ConfigureAwait(false)).Items;

    private ListPage<ServerObject<SlimPod>> ReadPodObjectsPage(byte[] body)
    {
        var page = JsonNode.Parse(body)?.AsObject() ?? throw new JsonException($"the API server answered {PodsPath} with null");
        var pods = new List<ServerObject<SlimPod>>();
        foreach (var item in page["items"]?.AsArray() ?? [])
        {
            if (item is JsonObject pod)
            {
                var whole = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod" };
                foreach (var (key, value) in pod.ToList())
                {
                    pod.Remove(key);
                    whole[key] = value;
                }

                pods.Add(new(whole, SlimReader.Pod(JsonSerializer.SerializeToUtf8Bytes(whole))!));
            }
        }

        return new(pods, page["metadata"]?["continue"]?.GetValue<string>(), page["metadata"]?["resourceVersion"]?.GetValue<string>());
    }

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
            new("labelSelector", pods ? JobPodsSelector : JobsSelector(allJobs)),
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

    public async Task<SlimPod?> FindPodAsync(string name, CancellationToken cancellationToken)
    {
        var body = await TryReadAsync($"{PodsPath}/{Uri.EscapeDataString(name)}", $"read pod '{name}'", cancellationToken).ConfigureAwait(false);
        return body is null ? null : SlimReader.Pod(body);
    }

    /// <summary>Events about one object; null when events cannot be read (not found or not allowed).</summary>
    public async Task<IList<Corev1Event>?> TryListEventsAsync(string objectName, CancellationToken cancellationToken)
    {
        try
        {
            var list = await retry.RunAsync(ct => Client.CoreV1.ListNamespacedEventAsync(Namespace, fieldSelector: $"involvedObject.name={objectName}", cancellationToken: ct), connection, "list events", idempotent: true, cancellationToken).ConfigureAwait(false);
            return list.Items;
        }
        catch (KubernetesApiException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
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
        catch (KubernetesApiException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return null;
        }
    }

    /// <summary>Creates a ConfigMap (a job's task table) in the current namespace.</summary>
    public async Task CreateConfigMapAsync(V1ConfigMap configMap, CancellationToken cancellationToken)
    {
        var name = configMap.Metadata.Name;
        try
        {
            await retry.RunAsync(ct => Client.CoreV1.CreateNamespacedConfigMapAsync(configMap, Namespace, cancellationToken: ct), connection, $"create ConfigMap '{name}' in namespace '{Namespace}'", idempotent: false, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            throw ex.WithMessage($"a ConfigMap named '{name}' already exists in namespace '{Namespace}' (left from an earlier job?); delete it or choose another -j");
        }
    }

    /// <summary>
    /// Makes <paramref name="job"/> the owner of a ConfigMap, so Kubernetes' garbage collector deletes it with the job.
    /// </summary>
    public Task SetConfigMapOwnerAsync(string configMap, V1Job job, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "batch/v1",
                    ["kind"] = "Job",
                    ["name"] = job.Metadata.Name,
                    ["uid"] = job.Metadata.Uid,
                }),
            },
        };
        return retry.RunAsync(ct => Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), configMap, Namespace, cancellationToken: ct), connection, $"set the owner of ConfigMap '{configMap}'", idempotent: true, cancellationToken);
    }

    /// <summary>Deletes a ConfigMap jobman created; one already gone is fine.</summary>
    public async Task DeleteConfigMapAsync(string configMap, CancellationToken cancellationToken)
    {
        try
        {
            await retry.RunAsync(ct => Client.CoreV1.DeleteNamespacedConfigMapAsync(configMap, Namespace, cancellationToken: ct), connection, $"delete ConfigMap '{configMap}'", idempotent: true, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone.
        }
    }

    /// <summary>Sets or clears <c>spec.suspend</c>, only on the job as it was read (<paramref name="resourceVersion"/>).</summary>
    public Task SetSuspendAsync(JobName name, string? resourceVersion, bool suspend, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["spec"] = new JsonObject { ["suspend"] = suspend },
        };
        return PatchJobAsync(name, patch, suspend ? "suspend" : "resume", $"job '{name}' changed since it was read; run the command again", cancellationToken);
    }

    /// <summary>
    /// Opens a pod's log as a stream. Sent by hand because the generated client has no <c>sinceTime</c> parameter,
    /// which a reconnecting follower needs.
    /// </summary>
    public Task<HttpResponseMessage> OpenPodLogAsync(string pod, IEnumerable<KeyValuePair<string, string>> query, CancellationToken cancellationToken) =>
        retry.RunAsync(
            ct => ApiGetRequest.SendAsync(connection, $"/api/v1/namespaces/{Uri.EscapeDataString(Namespace)}/pods/{Uri.EscapeDataString(pod)}/log", query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value)), ct, stream: true),
            connection,
            $"read the log of pod '{pod}'",
            idempotent: true,
            cancellationToken);

    private string JobsPath => $"/apis/batch/v1/namespaces/{Uri.EscapeDataString(Namespace)}/jobs";

    private string PodsPath => $"/api/v1/namespaces/{Uri.EscapeDataString(Namespace)}/pods";

    private static string? JobsSelector(bool allJobs) => allJobs ? null : JobLabels.ManagedSelector;

    private const string JobPodsSelector = JobLabels.ControllerUid;

    private string JobPath(JobName name) => $"{JobsPath}/{name.Value}";

    private static string PodsOfJobSelector(JobName jobName) => $"{JobLabels.JobName}={jobName}";

    /// <summary>One object's body, or null when it does not exist; other failures are retried, then raised.</summary>
    private async Task<byte[]?> TryReadAsync(string path, string action, CancellationToken cancellationToken)
    {
        try
        {
            return await retry.RunAsync(ct => ReadAsync(path, [], ct), connection, action, idempotent: true, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<byte[]> ReadAsync(string path, KeyValuePair<string, string?>[] query, CancellationToken cancellationToken)
    {
        using var response = await ApiGetRequest.SendAsync(connection, path, query, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pages are decoded outside the request, so the pager can ask for the next one meanwhile.</summary>
    private Task<Listed<T>> ListAllAsync<T>(string path, string? selector, SlimPageReader<T> read, string action, CancellationToken cancellationToken) =>
        ListPager.ListAllAsync(
            (token, limit, ct) => ReadAsync(path, [new("labelSelector", selector), new("limit", limit?.ToString(CultureInfo.InvariantCulture)), new("continue", token)], ct),
            body =>
            {
                var page = read(body) ?? throw new JsonException($"the API server answered {path} with null");
                return new ListPage<T>(page.Items, page.Metadata?.Continue, page.Metadata?.ResourceVersion);
            },
            body => ListContinueToken.Peek(body),
            retry,
            connection,
            $"{action} in namespace '{Namespace}'",
            cancellationToken);

    private delegate SlimList<T>? SlimPageReader<T>(ReadOnlySpan<byte> utf8);
}
