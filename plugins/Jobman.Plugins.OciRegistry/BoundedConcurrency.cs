namespace Jobman.Plugins.OciRegistry;

/// <summary>Runs one call per item with at most N in flight, returning the results in the items' order.</summary>
internal static class BoundedConcurrency
{
    public const int DefaultLimit = 8;

    public static async Task<TResult[]> MapAsync<TItem, TResult>(
        IReadOnlyList<TItem> items, Func<TItem, CancellationToken, Task<TResult>> call, CancellationToken cancellationToken, int limit = DefaultLimit)
    {
        var results = new TResult[items.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = limit, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), options, async (index, token) =>
            results[index] = await call(items[index], token).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }
}
