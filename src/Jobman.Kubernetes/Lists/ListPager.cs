using System.Net;

namespace Jobman.Kubernetes.Lists;

/// <summary>
/// The one paging rule of every list jobman makes: pages of <see cref="PageSize"/> (kubectl's default
/// <c>--chunk-size</c>), each retried under <see cref="KubernetesRetry"/>, the resourceVersion of the first page (every
/// page is read at that snapshot), and a continue token that expired between pages (410 Gone, after etcd compaction)
/// falls back to one unpaged list, as client-go's pager does: consistent, at the price of a bigger answer.
/// </summary>
public static class ListPager
{
    /// <summary>Items per page.</summary>
    public const int PageSize = 500;

    /// <summary>Reads every page.</summary>
    /// <typeparam name="TPage">What one call returns.</typeparam>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <param name="fetch">One call: continue token (null for the first page), limit (null for an unpaged list).</param>
    /// <param name="read">The items, continue token and resourceVersion of a page.</param>
    /// <param name="retry">The retry policy for each call.</param>
    /// <param name="connection">For error messages.</param>
    /// <param name="action">What is being listed, for messages (e.g. "list jobs in namespace 'a'").</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <returns>All items and the snapshot they were read at.</returns>
    public static async Task<Listed<TItem>> ListAllAsync<TPage, TItem>(
        Func<string?, int?, CancellationToken, Task<TPage>> fetch,
        Func<TPage, ListPage<TItem>> read,
        KubernetesRetry retry,
        ClusterConnection connection,
        string action,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(retry);
        var items = new List<TItem>();
        string? version = null;
        string? token = null;
        try
        {
            do
            {
                var current = token;
                var page = read(await retry.RunAsync(ct => fetch(current, PageSize, ct), connection, action, idempotent: true, cancellationToken).ConfigureAwait(false));
                items.AddRange(page.Items ?? []);
                version ??= page.ResourceVersion;
                token = string.IsNullOrEmpty(page.Continue) ? null : page.Continue;
            }
            while (token is not null);
            return new(items, version);
        }
        catch (KubernetesApiException ex) when (token is not null && ex.StatusCode == HttpStatusCode.Gone)
        {
            var whole = read(await retry.RunAsync(ct => fetch(null, null, ct), connection, action, idempotent: true, cancellationToken).ConfigureAwait(false));
            return new([.. whole.Items ?? []], whole.ResourceVersion);
        }
    }
}
