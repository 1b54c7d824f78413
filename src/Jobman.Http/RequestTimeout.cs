using System.Globalization;
using System.Text.RegularExpressions;

namespace Jobman.Http;

/// <summary>kubectl's <c>--request-timeout</c> values: <c>0</c> (none), a number of seconds, or a Go duration (<c>1h2m3s</c>, <c>500ms</c>).</summary>
public static partial class RequestTimeout
{
    /// <summary>The bound on connecting and the TLS handshake, so a server that accepts and never answers cannot hang a command.</summary>
    public static TimeSpan ConnectTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Parses a value.</summary>
    /// <param name="text">The flag's value.</param>
    /// <param name="timeout">Null for "no timeout".</param>
    /// <returns>False when the text is not a valid duration.</returns>
    public static bool TryParse(string text, out TimeSpan? timeout)
    {
        timeout = null;
        text = text.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            timeout = seconds == 0 ? null : TimeSpan.FromSeconds(seconds);
            return seconds <= int.MaxValue;
        }

        var parts = Duration().Matches(text);
        if (parts.Count == 0 || string.Concat(parts.Select(m => m.Value)) != text)
        {
            return false;
        }

        var total = 0d;
        foreach (Match part in parts)
        {
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "h" => value * 3600,
                "m" => value * 60,
                "s" => value,
                "ms" => value / 1000,
                "us" or "µs" => value / 1e6,
                _ => value / 1e9,
            };
        }

        if (total > int.MaxValue)
        {
            return false;
        }

        timeout = total == 0 ? null : TimeSpan.FromSeconds(total);
        return true;
    }

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]*)?)(h|ms|m|s|us|µs|ns)")]
    private static partial Regex Duration();
}
