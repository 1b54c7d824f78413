using System.Globalization;
using System.Text.RegularExpressions;
using Jobman.Core;

namespace Jobman.Plugins.History.Commands;

/// <summary>
/// A moment typed by the user for <c>--since</c> and <c>--prune-before</c>: an age (<c>90m</c>, <c>12h</c>, <c>7d</c>,
/// <c>2w</c>: that long before now) or a date (<c>2026-12-01</c>, local midnight; or <c>2026-12-01T14:00</c>).
/// </summary>
internal static partial class PointInTime
{
    public static DateTimeOffset Parse(string text, string option, DateTimeOffset now)
    {
        var trimmed = text.Trim();
        var age = AgePattern().Match(trimmed.ToLowerInvariant());
        if (age.Success)
        {
            var amount = long.TryParse(age.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;
            var unit = age.Groups["u"].Value switch
            {
                "s" => TimeSpan.FromSeconds(1),
                "m" => TimeSpan.FromMinutes(1),
                "h" => TimeSpan.FromHours(1),
                "d" => TimeSpan.FromDays(1),
                _ => TimeSpan.FromDays(7),
            };
            if (amount > (now - DateTimeOffset.UnixEpoch).Ticks / unit.Ticks)
            {
                return DateTimeOffset.UnixEpoch;
            }

            return now - (unit * amount);
        }

        string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];
        if (DateTime.TryParseExact(trimmed, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var date))
        {
            return new DateTimeOffset(date);
        }

        throw JobmanException.Usage($"{option} '{text}' is neither an age (e.g. 12h, 7d, 2w) nor a date (e.g. 2026-12-01)");
    }

    [GeneratedRegex("^(?<n>[0-9]{1,18})(?<u>[smhdw])\\z")]
    private static partial Regex AgePattern();
}
