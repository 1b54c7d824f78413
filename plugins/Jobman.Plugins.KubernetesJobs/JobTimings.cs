namespace Jobman.Plugins.KubernetesJobs;

/// <summary>
/// How often jobman polls while waiting. Registered in DI so tests can shorten the intervals instead of sleeping.
/// </summary>
/// <param name="PollStart">First poll delay; doubles after every unchanged poll.</param>
/// <param name="PollMax">Cap of the poll delay.</param>
/// <param name="WatchInterval">Refresh interval of <c>list --watch</c>.</param>
public sealed record JobTimings(TimeSpan PollStart, TimeSpan PollMax, TimeSpan WatchInterval)
{
    public static JobTimings Default { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2));

    /// <summary>The delay after <paramref name="attempt"/> polls (0-based), doubling up to <see cref="PollMax"/>.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var delay = PollStart * Math.Pow(2, Math.Min(attempt, 16));
        return delay < PollMax ? delay : PollMax;
    }
}
