using Jobman.Core;
using Jobman.Http;
using k8s.Autorest;

namespace Jobman.Kubernetes;

/// <summary>
/// Runs Kubernetes API calls under the shared <see cref="RetryPolicy"/> (what is retried: <see cref="TransientFailures"/>)
/// and maps the final failure to one line. Reads and watch/log re-opens are idempotent; creates are writes.
/// </summary>
public sealed class KubernetesRetry
{
    private readonly RetryPolicy _policy;

    /// <summary>Creates a retry policy.</summary>
    /// <param name="attempts">Total attempts including the first.</param>
    /// <param name="baseDelay">First backoff delay (doubles each retry).</param>
    /// <param name="maxDelay">Most time spent waiting in all, Retry-After included.</param>
    public KubernetesRetry(int attempts = 4, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
        : this(new RetryPolicy(attempts, baseDelay, maxDelay))
    {
    }

    /// <summary>Uses <paramref name="policy"/>.</summary>
    /// <param name="policy">The shared policy.</param>
    public KubernetesRetry(RetryPolicy policy) => _policy = policy;

    /// <summary>The default policy.</summary>
    public static KubernetesRetry Default { get; } = new(RetryPolicy.Default);

    /// <summary>Runs <paramref name="call"/>, retrying transient failures.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The API call.</param>
    /// <param name="connection">For error messages.</param>
    /// <param name="action">What is being done, e.g. "list jobs".</param>
    /// <param name="idempotent">False for creates: then only 429 and refused connections are retried.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The result.</returns>
    /// <exception cref="JobmanException">When the call fails for good.</exception>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, ClusterConnection connection, string action, bool idempotent, CancellationToken cancellationToken)
    {
        var safety = idempotent ? RequestSafety.Idempotent : RequestSafety.Write;
        try
        {
            return await _policy.RunAsync((_, ct) => call(ct), ex => Judge(ex, safety), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw KubernetesErrors.Map(ex, connection, action);
        }
    }

    private static RetryAdvice Judge(Exception exception, RequestSafety safety)
    {
        if (exception is HttpOperationException { Response: { } response })
        {
            var retryAfter = response.Headers is { } headers && headers.TryGetValue("Retry-After", out var values) ? values.FirstOrDefault() : null;
            return TransientFailures.OfStatus((int)response.StatusCode, retryAfter, safety);
        }

        return exception is JobmanException ? RetryAdvice.Stop : TransientFailures.OfException(exception, safety);
    }
}
