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
    public static Task<Listed<TItem>> ListAllAsync<TPage, TItem>(
        Func<string?, int?, CancellationToken, Task<TPage>> fetch,
        Func<TPage, ListPage<TItem>> read,
        KubernetesRetry retry,
        ClusterConnection connection,
        string action,
        CancellationToken cancellationToken) =>
        ListAllAsync(fetch, read, peekContinue: null, retry, connection, action, cancellationToken);

    /// <summary>
    /// Reads every page; with <paramref name="peekContinue"/>, the next page is requested as soon as a page has
    /// arrived, while that page is decoded (the server prepares the next one meanwhile: at 500 jobs a page, the
    /// decoding and the server's answer each take ~10 ms). The decoded continue token stays the truth: a peeked
    /// token that differs from it is dropped with its request. Decoding errors are reported like the call's.
    /// </summary>
    /// <typeparam name="TPage">What one call returns.</typeparam>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <param name="fetch">One call: continue token (null for the first page), limit (null for an unpaged list).</param>
    /// <param name="read">The items, continue token and resourceVersion of a page.</param>
    /// <param name="peekContinue">A cheap look at a page's continue token before it is decoded (null: unknown), or null.</param>
    /// <param name="retry">The retry policy for each call.</param>
    /// <param name="connection">For error messages.</param>
    /// <param name="action">What is being listed, for messages (e.g. "list jobs in namespace 'a'").</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <returns>All items and the snapshot they were read at.</returns>
    public static async Task<Listed<TItem>> ListAllAsync<TPage, TItem>(
        Func<string?, int?, CancellationToken, Task<TPage>> fetch,
        Func<TPage, ListPage<TItem>> read,
        Func<TPage, string?>? peekContinue,
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
        Prefetch<TPage>? next = null;
        try
        {
            do
            {
                var current = token;
                var body = await (next?.Request ?? Fetch(current, cancellationToken)).ConfigureAwait(false);
                next?.Dispose();
                next = null;
                if (peekContinue?.Invoke(body) is { Length: > 0 } peeked)
                {
                    var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    next = new(peeked, Fetch(peeked, cancel.Token), cancel);
                }

                var page = peekContinue is null ? read(body) : Decode(body);
                items.AddRange(page.Items ?? []);
                version ??= page.ResourceVersion;
                token = string.IsNullOrEmpty(page.Continue) ? null : page.Continue;
                if (next is not null && next.Token != token)
                {
                    next.Abandon();
                    next = null;
                }
            }
            while (token is not null);
            return new(items, version);
        }
        catch (KubernetesApiException ex) when (token is not null && ex.StatusCode == HttpStatusCode.Gone)
        {
            var whole = read(await retry.RunAsync(ct => fetch(null, null, ct), connection, action, idempotent: true, cancellationToken).ConfigureAwait(false));
            return new([.. whole.Items ?? []], whole.ResourceVersion);
        }
        finally
        {
            next?.Abandon();
        }

        Task<TPage> Fetch(string? continueToken, CancellationToken cancel) =>
            retry.RunAsync(ct => fetch(continueToken, PageSize, ct), connection, action, idempotent: true, cancel);

        ListPage<TItem> Decode(TPage body)
        {
            try
            {
                return read(body);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw KubernetesErrors.Map(ex, connection, action);
            }
        }
    }

    /// <summary>A page requested before the previous one was decoded.</summary>
    private sealed record Prefetch<TPage>(string Token, Task<TPage> Request, CancellationTokenSource Cancellation) : IDisposable
    {
        public void Dispose() => Cancellation.Dispose();

        /// <summary>Cancels a request nobody will read and observes its end, so its failure is never unobserved.</summary>
        public void Abandon()
        {
            Cancellation.Cancel();
            _ = Request.ContinueWith(
                static (t, cancellation) =>
                {
                    _ = t.Exception;
                    ((CancellationTokenSource)cancellation!).Dispose();
                },
                Cancellation,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }
}
