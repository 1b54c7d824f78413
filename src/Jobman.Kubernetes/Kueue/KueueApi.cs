using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Jobman.Kubernetes.Lists;
using Jobman.Kubernetes.Names;

namespace Jobman.Kubernetes.Kueue;

/// <summary>
/// Reads of Kueue objects and its visibility API for one namespace: <c>kueue.x-k8s.io/v1beta2</c> (Kueue 0.15+),
/// else <c>v1beta1</c> (older Kueue). Lists are paged with the shared <see cref="ListPager"/>; a 404 on a list means
/// Kueue is not installed, a 403 that the user may not read it: both come back as <see cref="KueueRead{T}.Unavailable"/>,
/// never as an error, so commands keep working on clusters without Kueue or without the rights.
/// </summary>
public sealed class KueueApi(ClusterConnection connection, KubernetesRetry retry)
{
    private const string Group = "kueue.x-k8s.io";
    private const string VisibilityGroup = "visibility.kueue.x-k8s.io";
    private static readonly string[] Versions = ["v1beta2", "v1beta1"];

    /// <summary>Items per visibility page (the API's default limit).</summary>
    public const int VisibilityPageSize = 1000;

    private string? _version;

    public string Namespace => connection.Namespace;

    public Task<KueueRead<IReadOnlyList<KueueWorkload>>> ListWorkloadsAsync(CancellationToken cancellationToken) =>
        ListAsync($"namespaces/{Uri.EscapeDataString(Namespace)}/workloads", "workloads", KueueWorkload.From, cancellationToken);

    public Task<KueueRead<IReadOnlyList<KueueLocalQueue>>> ListLocalQueuesAsync(CancellationToken cancellationToken) =>
        ListAsync($"namespaces/{Uri.EscapeDataString(Namespace)}/localqueues", "LocalQueues", KueueLocalQueue.From, cancellationToken);

    public Task<KueueRead<IReadOnlyList<KueueResourceFlavor>>> ListResourceFlavorsAsync(CancellationToken cancellationToken) =>
        ListAsync("resourceflavors", "ResourceFlavors", KueueResourceFlavor.From, cancellationToken);

    /// <summary>One ClusterQueue (cluster-scoped: most users may not read it, which is not an error).</summary>
    public async Task<KueueRead<KueueClusterQueue>> GetClusterQueueAsync(string name, CancellationToken cancellationToken)
    {
        var checkedName = ObjectName.Parse(name, "ClusterQueue", "a LocalQueue's spec.clusterQueue");
        foreach (var version in CandidateVersions())
        {
            try
            {
                var body = await ReadAsync($"/apis/{Group}/{version}/clusterqueues/{checkedName.Value}", [], $"read ClusterQueue '{name}'", cancellationToken).ConfigureAwait(false);
                _version = version;
                return KueueRead<KueueClusterQueue>.Of(KueueClusterQueue.From(body));
            }
            catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound && _version is null)
            {
                // Either this version is not served or the queue does not exist: the next version decides.
            }
            catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                return KueueRead<KueueClusterQueue>.Missing($"ClusterQueue '{name}' does not exist");
            }
            catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
            {
                return KueueRead<KueueClusterQueue>.Missing($"ClusterQueue '{name}' may not be read ({ex.ServerMessage ?? "forbidden"})");
            }
        }

        return KueueRead<KueueClusterQueue>.Missing($"ClusterQueue '{name}' not found", notInstalled: _version is null);
    }

    /// <summary>The pending workloads of a LocalQueue of this namespace, head first, every page (limit/offset).</summary>
    public async Task<KueueRead<IReadOnlyList<KueuePendingWorkload>>> PendingInLocalQueueAsync(string localQueue, CancellationToken cancellationToken)
    {
        var checkedName = ObjectName.Parse(localQueue, "LocalQueue", "a job's kueue.x-k8s.io/queue-name label");
        var path = $"namespaces/{Uri.EscapeDataString(Namespace)}/localqueues/{checkedName.Value}/pendingworkloads";
        foreach (var version in Versions)
        {
            try
            {
                var items = new List<KueuePendingWorkload>();
                while (true)
                {
                    KeyValuePair<string, string?>[] query = [new("limit", VisibilityPageSize.ToString(CultureInfo.InvariantCulture)), new("offset", items.Count.ToString(CultureInfo.InvariantCulture))];
                    var page = await ReadAsync($"/apis/{VisibilityGroup}/{version}/{path}", query, $"read the pending workloads of LocalQueue '{localQueue}'", cancellationToken).ConfigureAwait(false);
                    var pageItems = (page["items"] as JsonArray ?? []).OfType<JsonObject>().Select(KueuePendingWorkload.From).ToList();
                    items.AddRange(pageItems);
                    if (pageItems.Count < VisibilityPageSize)
                    {
                        return KueueRead<IReadOnlyList<KueuePendingWorkload>>.Of(items);
                    }
                }
            }
            catch (KubernetesApiException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.ServiceUnavailable && version != Versions[^1])
            {
                // An older Kueue serves v1beta1 only; 503 is an aggregated API whose version is not there.
            }
            catch (KubernetesApiException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.ServiceUnavailable or HttpStatusCode.Forbidden)
            {
                return KueueRead<IReadOnlyList<KueuePendingWorkload>>.Missing($"queue positions unavailable ({ex.ServerMessage ?? ex.StatusCode.ToString()})");
            }
        }

        return KueueRead<IReadOnlyList<KueuePendingWorkload>>.Missing("queue positions unavailable");
    }

    private async Task<KueueRead<IReadOnlyList<T>>> ListAsync<T>(string path, string what, Func<JsonObject, T> parse, CancellationToken cancellationToken)
        where T : class
    {
        foreach (var version in CandidateVersions())
        {
            try
            {
                var listed = await ListPager.ListAllAsync(
                    (token, limit, ct) => GetJsonAsync($"/apis/{Group}/{version}/{path}", [new("limit", limit?.ToString(CultureInfo.InvariantCulture)), new("continue", token)], ct),
                    page => ReadPage(page, parse),
                    retry,
                    connection,
                    path.StartsWith("namespaces/", StringComparison.Ordinal) ? $"list {what} in namespace '{Namespace}'" : $"list {what}",
                    cancellationToken).ConfigureAwait(false);
                _version = version;
                return KueueRead<IReadOnlyList<T>>.Of(listed.Items);
            }
            catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                // Not served in this version; after the last one, Kueue is not installed.
            }
            catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
            {
                return KueueRead<IReadOnlyList<T>>.Missing($"{what} may not be read ({ex.ServerMessage ?? "forbidden"})");
            }
        }

        return KueueRead<IReadOnlyList<T>>.Missing("Kueue is not installed on this cluster", notInstalled: true);
    }

    private IEnumerable<string> CandidateVersions() => _version is { } known ? [known] : Versions;

    private static ListPage<T> ReadPage<T>(JsonObject page, Func<JsonObject, T> parse)
    {
        var items = (page["items"] as JsonArray ?? []).OfType<JsonObject>().Select(parse).ToList();
        return new ListPage<T>(items, KueueJson.Str(page["metadata"]?["continue"]), KueueJson.Str(page["metadata"]?["resourceVersion"]));
    }

    private Task<JsonObject> ReadAsync(string path, KeyValuePair<string, string?>[] query, string action, CancellationToken cancellationToken) =>
        retry.RunAsync(ct => GetJsonAsync(path, query, ct), connection, action, idempotent: true, cancellationToken);

    private async Task<JsonObject> GetJsonAsync(string path, KeyValuePair<string, string?>[] query, CancellationToken cancellationToken)
    {
        using var response = await ApiGetRequest.SendAsync(connection, path, query, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonNode.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false) as JsonObject ?? [];
    }
}
