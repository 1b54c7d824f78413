using System.Net;
using Jobman.Core;
using k8s.Autorest;

namespace Jobman.Kubernetes;

/// <summary>
/// Retries reads and safe writes on 429, 5xx and dropped connections with exponential backoff, honouring
/// Retry-After. Non-idempotent creates are retried only on 429 (the server did not process them).
/// </summary>
public sealed class KubernetesRetry
{
    private readonly int _attempts;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;

    /// <summary>Creates a retry policy.</summary>
    /// <param name="attempts">Total attempts including the first.</param>
    /// <param name="baseDelay">First backoff delay (doubles each retry).</param>
    /// <param name="maxDelay">Cap for any single delay, including Retry-After.</param>
    public KubernetesRetry(int attempts = 4, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
    {
        _attempts = attempts;
        _baseDelay = baseDelay ?? TimeSpan.FromMilliseconds(200);
        _maxDelay = maxDelay ?? TimeSpan.FromSeconds(10);
    }

    /// <summary>The default policy.</summary>
    public static KubernetesRetry Default { get; } = new();

    /// <summary>Runs <paramref name="call"/>, retrying transient failures.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The API call.</param>
    /// <param name="connection">For error messages.</param>
    /// <param name="action">What is being done, e.g. "list jobs".</param>
    /// <param name="idempotent">False for creates: then only 429 is retried.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The result.</returns>
    /// <exception cref="JobmanException">When the call fails for good.</exception>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, ClusterConnection connection, string action, bool idempotent, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= _attempts || !IsTransient(ex, idempotent))
                {
                    throw KubernetesErrors.Map(ex, connection, action);
                }

                await Task.Delay(DelayFor(ex, attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsTransient(Exception exception, bool idempotent)
    {
        var code = KubernetesErrors.StatusCodeOf(exception);
        if (code == HttpStatusCode.TooManyRequests)
        {
            return true;
        }

        if (!idempotent)
        {
            return false;
        }

        return code is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
            || (code is null && exception is HttpRequestException or IOException);
    }

    private TimeSpan DelayFor(Exception exception, int attempt)
    {
        if (exception is HttpOperationException { Response.Headers: { } headers }
            && headers.TryGetValue("Retry-After", out var values)
            && int.TryParse(values.FirstOrDefault(), out var seconds))
        {
            return Min(TimeSpan.FromSeconds(seconds), _maxDelay);
        }

        return Min(_baseDelay * Math.Pow(2, attempt - 1), _maxDelay);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
