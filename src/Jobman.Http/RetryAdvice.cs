namespace Jobman.Http;

/// <summary>What to do after a failed attempt: give up, or try again (after the server's Retry-After when it sent one).</summary>
/// <param name="Retry">Whether another attempt may help.</param>
/// <param name="RetryAfter">The delay the server asked for, if any.</param>
public readonly record struct RetryAdvice(bool Retry, TimeSpan? RetryAfter = null)
{
    /// <summary>Not worth another attempt.</summary>
    public static RetryAdvice Stop { get; } = new(false);

    /// <summary>Worth another attempt after the policy's backoff.</summary>
    public static RetryAdvice Again { get; } = new(true);
}
