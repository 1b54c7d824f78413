using System.Globalization;
using System.Text.RegularExpressions;
using Jobman.Core;

namespace Jobman.Plugins.KubernetesJobs;

/// <summary>Parses durations like <c>30s</c>, <c>10m</c>, <c>1h30m</c> and formats ages like kubectl.</summary>
internal static partial class DurationText
{
    /// <summary>Parses a duration typed by the user; plain digits are seconds. Usage error (exit 2) when invalid.</summary>
    public static TimeSpan Parse(string text, string option)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        if (long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var plainSeconds))
        {
            return Checked(() => TimeSpan.FromSeconds(plainSeconds), text, option);
        }

        var match = Pattern().Match(trimmed);
        if (trimmed.Length == 0 || !match.Success)
        {
            throw JobmanException.Usage($"{option} '{text}' is not a duration: use e.g. 30s, 10m, 1h or 1h30m");
        }

        static long Part(Group g) => g.Success ? long.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
        return Checked(() => TimeSpan.FromHours(Part(match.Groups["h"])) + TimeSpan.FromMinutes(Part(match.Groups["m"])) + TimeSpan.FromSeconds(Part(match.Groups["s"])), text, option);
    }

    /// <summary>Numbers too large for a duration are the user's typo, not a crash.</summary>
    private static TimeSpan Checked(Func<TimeSpan> build, string text, string option)
    {
        try
        {
            return build();
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException or FormatException)
        {
            throw JobmanException.Usage($"{option} '{text}' is too long a duration", ex);
        }
    }

    /// <summary>Compact form used in tables: <c>45s</c>, <c>5m12s</c>, <c>3h4m</c>, <c>2d5h</c>.</summary>
    public static string Format(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds}s"
            : span.TotalMinutes < 60 ? (span.Seconds == 0 ? $"{(int)span.TotalMinutes}m" : $"{(int)span.TotalMinutes}m{span.Seconds}s")
            : span.TotalHours < 24 ? (span.Minutes == 0 ? $"{(int)span.TotalHours}h" : $"{(int)span.TotalHours}h{span.Minutes}m")
            : (span.Hours == 0 ? $"{(int)span.TotalDays}d" : $"{(int)span.TotalDays}d{span.Hours}h");
    }

    [GeneratedRegex("^(?:(?<h>[0-9]+)h)?(?:(?<m>[0-9]+)m)?(?:(?<s>[0-9]+)s)?\\z")]
    private static partial Regex Pattern();
}
