namespace Jobman.Http;

/// <summary>
/// The one backoff policy of every jobman HTTP client: at most <see cref="MaxAttempts"/> attempts, exponential
/// backoff from <c>baseDelay</c>, the server's Retry-After honoured, and never more than <c>budget</c> spent waiting
/// in all (a Retry-After beyond what is left ends the retries at once rather than hanging the command). Which
/// failures deserve another attempt is the caller's <see cref="RetryAdvice"/>, usually from <see cref="TransientFailures"/>.
/// </summary>
public sealed class RetryPolicy
{
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _budget;
    private readonly TimeProvider _clock;

    /// <summary>Creates a policy.</summary>
    /// <param name="maxAttempts">Attempts in all, the first included.</param>
    /// <param name="baseDelay">Wait before the second attempt; doubles for each further one.</param>
    /// <param name="budget">Most time spent waiting between attempts, Retry-After included.</param>
    /// <param name="clock">Time source (tests).</param>
    public RetryPolicy(int maxAttempts = 4, TimeSpan? baseDelay = null, TimeSpan? budget = null, TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        MaxAttempts = maxAttempts;
        _baseDelay = baseDelay ?? TimeSpan.FromMilliseconds(250);
        _budget = budget ?? TimeSpan.FromSeconds(10);
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>4 attempts, 250 ms doubling, 10 s of waiting at most.</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; }

    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails for good or the policy is spent.</summary>
    /// <typeparam name="T">The result.</typeparam>
    /// <param name="attempt">One attempt; gets the attempt number (1-based).</param>
    /// <param name="judgeFailure">Whether a thrown failure is worth another attempt.</param>
    /// <param name="cancellationToken">Ctrl+C: never retried.</param>
    /// <returns>The first successful result.</returns>
    public Task<T> RunAsync<T>(Func<int, CancellationToken, Task<T>> attempt, Func<Exception, RetryAdvice> judgeFailure, CancellationToken cancellationToken) =>
        RunAsync(attempt, static _ => RetryAdvice.Stop, judgeFailure, cancellationToken);

    /// <summary>
    /// Like <see cref="RunAsync{T}(Func{int, CancellationToken, Task{T}}, Func{Exception, RetryAdvice}, CancellationToken)"/>
    /// for clients that return error answers instead of throwing: an answer judged worth retrying is disposed (when
    /// disposable) and the request sent again; the last answer is returned when the policy is spent.
    /// </summary>
    /// <typeparam name="T">The answer.</typeparam>
    /// <param name="attempt">One attempt; gets the attempt number (1-based).</param>
    /// <param name="judgeAnswer">Whether an answer (e.g. a 503) is worth another attempt.</param>
    /// <param name="judgeFailure">Whether a thrown failure is worth another attempt.</param>
    /// <param name="cancellationToken">Ctrl+C: never retried.</param>
    /// <returns>The first answer not worth retrying, or the last one.</returns>
    public async Task<T> RunAsync<T>(Func<int, CancellationToken, Task<T>> attempt, Func<T, RetryAdvice> judgeAnswer, Func<Exception, RetryAdvice> judgeFailure, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        for (var number = 1; ; number++)
        {
            RetryAdvice advice;
            try
            {
                var answer = await attempt(number, cancellationToken).ConfigureAwait(false);
                advice = judgeAnswer(answer);
                if (!advice.Retry || !TryPlanWait(number, advice, waited, out _))
                {
                    return answer;
                }

                (answer as IDisposable)?.Dispose();
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                advice = judgeFailure(ex);
                if (!advice.Retry || !TryPlanWait(number, advice, waited, out _))
                {
                    throw;
                }
            }

            TryPlanWait(number, advice, waited, out var delay);
            await Task.Delay(delay, _clock, cancellationToken).ConfigureAwait(false);
            waited += delay;
        }
    }

    /// <summary>The wait before attempt <paramref name="failed"/> + 1, or false when attempts or budget are spent.</summary>
    private bool TryPlanWait(int failed, RetryAdvice advice, TimeSpan waited, out TimeSpan delay)
    {
        delay = advice.RetryAfter is { } asked && asked > TimeSpan.Zero ? asked : _baseDelay * Math.Pow(2, failed - 1);
        return failed < MaxAttempts && waited + delay <= _budget;
    }
}
