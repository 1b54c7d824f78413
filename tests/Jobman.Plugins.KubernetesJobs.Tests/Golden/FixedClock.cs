namespace Jobman.Plugins.KubernetesJobs.Tests.Golden;

/// <summary>A clock that always says <paramref name="now"/>, so ages and durations in tables are fixed.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
