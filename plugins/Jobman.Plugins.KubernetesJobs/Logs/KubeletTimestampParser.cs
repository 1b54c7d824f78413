using System.Runtime.CompilerServices;

namespace Jobman.Plugins.KubernetesJobs.Logs;

/// <summary>
/// Reads the one layout the kubelet writes, <c>YYYY-MM-DDTHH:MM:SS[.f…](Z|±hh:mm)</c> with 1 to 9 fraction digits,
/// without allocating: it runs for every log line, where <see cref="DateTimeOffset"/> parsing cost more than the rest
/// of the line's work. It only says yes where the general parser (<see cref="LogTimestamp.TryParseGeneral"/>) says yes
/// with the same value; anything unusual (another layout, a field out of range, the first and last years, offsets of
/// 14 hours) is declined and left to that parser, so those keep their old outcome.
/// </summary>
internal static class KubeletTimestampParser
{
    private const int UnixEpochDayNumber = 719_162;
    private static readonly int[] FractionScale = [0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

    // Per log line: optimized at once, see PodLogStreamer.EmitLines.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<char> text, out long unixSeconds, out int nanoseconds)
    {
        unixSeconds = 0;
        nanoseconds = 0;
        if (text.Length < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        var year = Digits(text, 0, 4);
        var month = Digits(text, 5, 2);
        var day = Digits(text, 8, 2);
        var hour = Digits(text, 11, 2);
        var minute = Digits(text, 14, 2);
        var second = Digits(text, 17, 2);
        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return false;
        }

        var position = 19;
        var fraction = 0;
        if (text[position] == '.')
        {
            var start = ++position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                if (position - start == 9)
                {
                    return false;
                }

                fraction = (fraction * 10) + (text[position] - '0');
                position++;
            }

            if (position == start)
            {
                return false;
            }

            fraction *= FractionScale[position - start];
        }

        if (!TryZone(text[position..], out var offsetSeconds))
        {
            return false;
        }

        var days = new DateOnly(year, month, day).DayNumber - UnixEpochDayNumber;
        unixSeconds = (days * 86_400L) + (hour * 3_600) + (minute * 60) + second - offsetSeconds;
        nanoseconds = fraction;
        return true;
    }

    /// <summary><c>Z</c>, or <c>±hh:mm</c> below 14 hours (the general parser has the last word on 14:00).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryZone(ReadOnlySpan<char> zone, out int offsetSeconds)
    {
        offsetSeconds = 0;
        if (zone is ['Z'])
        {
            return true;
        }

        if (zone is not [('+' or '-') and var sign, _, _, ':', _, _])
        {
            return false;
        }

        var hours = Digits(zone, 1, 2);
        var minutes = Digits(zone, 4, 2);
        if (hours is < 0 or > 13 || minutes is < 0 or > 59)
        {
            return false;
        }

        offsetSeconds = ((hours * 60) + minutes) * 60 * (sign == '-' ? -1 : 1);
        return true;
    }

    /// <summary>The decimal value of <paramref name="count"/> ASCII digits, or -1 when one is not a digit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.AggressiveInlining)]
    private static int Digits(ReadOnlySpan<char> text, int start, int count)
    {
        var value = 0;
        foreach (var c in text.Slice(start, count))
        {
            if (!char.IsAsciiDigit(c))
            {
                return -1;
            }

            value = (value * 10) + (c - '0');
        }

        return value;
    }
}
