namespace Jobman.Kubernetes.Kueue;

/// <summary>
/// What a Kueue read gave: the value, or why there is none in one line (Kueue not installed, not allowed to read,
/// visibility API unavailable), so a command degrades to what it can show and says what is missing.
/// </summary>
public sealed record KueueRead<T>(T? Value, string? Unavailable, bool NotInstalled = false)
    where T : class
{
    public static KueueRead<T> Of(T value) => new(value, null);

    public static KueueRead<T> Missing(string why, bool notInstalled = false) => new(null, why, notInstalled);
}
