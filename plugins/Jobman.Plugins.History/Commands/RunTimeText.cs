namespace Jobman.Plugins.History.Commands;

/// <summary>Run times in the compact form <c>list</c> uses: <c>45s</c>, <c>5m12s</c>, <c>3h4m</c>, <c>2d5h</c>.</summary>
internal static class RunTimeText
{
    public static string Format(TimeSpan span) =>
        span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds}s"
        : span.TotalMinutes < 60 ? (span.Seconds == 0 ? $"{(int)span.TotalMinutes}m" : $"{(int)span.TotalMinutes}m{span.Seconds}s")
        : span.TotalHours < 24 ? (span.Minutes == 0 ? $"{(int)span.TotalHours}h" : $"{(int)span.TotalHours}h{span.Minutes}m")
        : (span.Hours == 0 ? $"{(int)span.TotalDays}d" : $"{(int)span.TotalDays}d{span.Hours}h");
}
