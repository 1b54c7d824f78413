using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Jobman.Http;

/// <summary>
/// Which failures another attempt may cure, the same for every client. Idempotent requests: 429 and
/// 500/502/503/504, and transport faults (connection reset, closed before or during the answer, refused, a pooled
/// connection the server had already closed). Writes: only 429 and a refused connection, where the server provably
/// did not act. Never retried: TLS failures, timeouts (the user's <c>--request-timeout</c> is a bound, not a hint).
/// </summary>
public static class TransientFailures
{
    /// <summary>Advice for an HTTP status.</summary>
    /// <param name="status">The status code.</param>
    /// <param name="retryAfter">The Retry-After header, if any.</param>
    /// <param name="safety">The request's kind.</param>
    /// <returns>The advice.</returns>
    public static RetryAdvice OfStatus(int status, RetryConditionHeaderValue? retryAfter, RequestSafety safety)
    {
        var retry = status == (int)HttpStatusCode.TooManyRequests
            || (safety == RequestSafety.Idempotent && status is 500 or 502 or 503 or 504);
        return retry ? new RetryAdvice(true, Delay(retryAfter)) : RetryAdvice.Stop;
    }

    /// <summary>Advice for an HTTP status whose Retry-After is raw header text (clients that keep headers as strings).</summary>
    /// <param name="status">The status code.</param>
    /// <param name="retryAfter">The Retry-After header text, if any.</param>
    /// <param name="safety">The request's kind.</param>
    /// <returns>The advice.</returns>
    public static RetryAdvice OfStatus(int status, string? retryAfter, RequestSafety safety) =>
        OfStatus(status, retryAfter is not null && RetryConditionHeaderValue.TryParse(retryAfter, out var parsed) ? parsed : null, safety);

    /// <summary>Advice for a failure before or while the answer arrived.</summary>
    /// <param name="exception">What the HTTP stack threw (any wrapping).</param>
    /// <param name="safety">The request's kind.</param>
    /// <returns>The advice.</returns>
    public static RetryAdvice OfException(Exception exception, RequestSafety safety)
    {
        if (ExceptionChain.Find<AuthenticationException>(exception) is not null || ExceptionChain.Find<TimeoutException>(exception) is not null
            || ExceptionChain.Find<OperationCanceledException>(exception) is not null)
        {
            return RetryAdvice.Stop;
        }

        if (ExceptionChain.Find<SocketException>(exception) is { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return RetryAdvice.Again;
        }

        if (safety == RequestSafety.Write)
        {
            return RetryAdvice.Stop;
        }

        var http = ExceptionChain.Find<HttpRequestException>(exception);
        var transport = http?.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.ResponseEnded
            || ExceptionChain.Find<SocketException>(exception) is not null
            || ExceptionChain.Find<IOException>(exception) is not null;
        return transport ? RetryAdvice.Again : RetryAdvice.Stop;
    }

    private static TimeSpan? Delay(RetryConditionHeaderValue? retryAfter) =>
        retryAfter?.Delta ?? (retryAfter?.Date is { } date ? Max(date - DateTimeOffset.UtcNow, TimeSpan.Zero) : null);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
