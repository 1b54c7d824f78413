namespace Jobman.Plugins.KubernetesJobs;

/// <summary>
/// How often jobman polls while waiting. Registered in DI so tests can shorten the intervals instead of sleeping.
/// </summary>
/// <param name="PollStart">First poll delay; doubles after every unchanged poll.</param>
/// <param name="PollMax">Cap of the poll delay.</param>
/// <param name="WatchInterval">
/// How long <c>list --watch</c> lets a burst of changes settle before it lists again (and its polling interval when
/// the user may not watch).
/// </param>
public sealed record JobTimings(TimeSpan PollStart, TimeSpan PollMax, TimeSpan WatchInterval)
{
    public static JobTimings Default { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));

    /// <summary>The delay after <paramref name="attempt"/> polls (0-based), doubling up to <see cref="PollMax"/>.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var delay = PollStart * Math.Pow(2, Math.Min(attempt, 16));
        return delay < PollMax ? delay : PollMax;
    }
}
