using System.Globalization;
using System.Runtime.CompilerServices;

namespace Jobman.Plugins.KubernetesJobs.Logs;

/// <summary>
/// A log line timestamp as written by the kubelet (RFC 3339 with up to nanoseconds). Compared numerically: the
/// text cannot be compared as a string because trailing zeros of the fraction may be trimmed.
/// </summary>
internal readonly record struct LogTimestamp(long UnixSeconds, int Nanoseconds) : IComparable<LogTimestamp>
{
    /// <summary>Splits <c>"&lt;timestamp&gt; &lt;text&gt;"</c>; false when the line does not start with a timestamp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TrySplit(ReadOnlySpan<char> line, out LogTimestamp timestamp, out ReadOnlySpan<char> text)
    {
        text = line;
        var space = line.IndexOf(' ');
        if (!TryParse(space < 0 ? line : line[..space], out timestamp))
        {
            return false;
        }

        text = space < 0 ? [] : line[(space + 1)..];
        return true;
    }

    /// <summary>
    /// Parses the kubelet's layout with <see cref="KubeletTimestampParser"/> (every log line carries one) and anything
    /// else it declines with <see cref="TryParseGeneral"/>, so what is accepted, and how, stays that parser's call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<char> text, out LogTimestamp timestamp)
    {
        if (KubeletTimestampParser.TryParse(text, out var seconds, out var nanoseconds))
        {
            timestamp = new LogTimestamp(seconds, nanoseconds);
            return true;
        }

        // Most lines that are not stamped fail here, without the copy the general parser needs.
        if (text.Length < 20 || text[4] != '-' || text[10] != 'T')
        {
            timestamp = default;
            return false;
        }

        return TryParseGeneral(text.ToString(), out timestamp);
    }

    /// <summary>The general parser: lenient about the layout (whatever <see cref="DateTimeOffset.TryParse(string?, IFormatProvider?, DateTimeStyles, out DateTimeOffset)"/> takes), but slow.</summary>
    internal static bool TryParseGeneral(string text, out LogTimestamp timestamp)
    {
        timestamp = default;
        if (text.Length < 20 || text[4] != '-' || text[10] != 'T')
        {
            return false;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var zone = text.IndexOfAny(['Z', '+'], 19);
        if (zone < 0)
        {
            zone = text.LastIndexOf('-');
            if (zone < 19)
            {
                return false;
            }
        }

        var secondsPart = (dot > 0 && dot < zone ? text[..dot] : text[..zone]) + text[zone..];
        if (!DateTimeOffset.TryParse(secondsPart, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var whole))
        {
            return false;
        }

        var nanos = 0;
        if (dot > 0 && dot < zone)
        {
            var fraction = text[(dot + 1)..zone];
            if (fraction.Length is 0 or > 9 || !fraction.All(char.IsAsciiDigit))
            {
                return false;
            }

            nanos = int.Parse(fraction.PadRight(9, '0'), CultureInfo.InvariantCulture);
        }

        timestamp = new LogTimestamp(whole.ToUnixTimeSeconds(), nanos);
        return true;
    }

    /// <summary>RFC 3339 with whole seconds, the form every API server accepts for <c>sinceTime</c>.</summary>
    public string ToSinceTime() =>
        DateTimeOffset.FromUnixTimeSeconds(UnixSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public int CompareTo(LogTimestamp other) =>
        UnixSeconds != other.UnixSeconds ? UnixSeconds.CompareTo(other.UnixSeconds) : Nanoseconds.CompareTo(other.Nanoseconds);
}
