using System.Globalization;
using Jobman.Plugins.KubernetesJobs.Logs;

namespace Jobman.Plugins.KubernetesJobs.Tests.Unit;

public class LogTimestampTests
{
    [TestCase("2026-11-25T17:32:42.123456789Z", "2026-11-25T17:32:42Z", 123_456_789)]
    [TestCase("2026-11-25T17:32:42Z", "2026-11-25T17:32:42Z", 0)]
    [TestCase("2026-11-25T17:32:42.1Z", "2026-11-25T17:32:42Z", 100_000_000)]
    [TestCase("2026-11-25T17:32:42.12Z", "2026-11-25T17:32:42Z", 120_000_000)]
    [TestCase("2026-11-25T17:32:42.000000001Z", "2026-11-25T17:32:42Z", 1)]
    [TestCase("2026-11-25T17:32:42.5+05:30", "2026-11-25T12:02:42Z", 500_000_000)]
    [TestCase("2026-11-25T17:32:42.123-08:00", "2026-11-26T01:32:42Z", 123_000_000)]
    [TestCase("2026-11-25T17:32:42-00:00", "2026-11-25T17:32:42Z", 0)]
    [TestCase("2026-01-01T00:30:00+13:59", "2025-12-31T10:31:00Z", 0)]
    [TestCase("2024-02-29T23:59:59.999999999Z", "2024-02-29T23:59:59Z", 999_999_999)]
    [TestCase("1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z", 0)]
    [TestCase("1969-12-31T23:59:59.9Z", "1969-12-31T23:59:59Z", 900_000_000)]
    public void The_kubelet_layout_is_read_without_the_general_parser(string text, string utcSeconds, int nanoseconds)
    {
        var expected = new LogTimestamp(DateTimeOffset.Parse(utcSeconds, CultureInfo.InvariantCulture).ToUnixTimeSeconds(), nanoseconds);

        KubeletTimestampParser.TryParse(text, out var seconds, out var nanos).Should().BeTrue();
        new LogTimestamp(seconds, nanos).Should().Be(expected);
        LogTimestamp.TryParse(text, out var parsed).Should().BeTrue();
        parsed.Should().Be(expected);
        LogTimestamp.TryParseGeneral(text, out var general).Should().BeTrue();
        general.Should().Be(expected);
    }

    [TestCase("2026-11-25T17:32:42.1234567890Z")]
    [TestCase("2026-11-25T17:32:42.Z")]
    [TestCase("2026-11-25T17:32:42.12a4Z")]
    [TestCase("2026-11-25t17:32:42Z")]
    [TestCase("2026-11-25T17:32:42z")]
    [TestCase("2026-11-25T17:32:42")]
    [TestCase("2026-11-25T17:32:42Zjunk")]
    [TestCase("2026-02-29T00:00:00Z")]
    [TestCase("2026-04-31T00:00:00Z")]
    [TestCase("2026-13-01T00:00:00Z")]
    [TestCase("2026-00-01T00:00:00Z")]
    [TestCase("2026-11-00T00:00:00Z")]
    [TestCase("2026-11-25T25:00:00Z")]
    [TestCase("2026-11-25T17:61:00Z")]
    [TestCase("2026-11-25T17:32:42+15:00")]
    [TestCase("20x6-11-25T17:32:42Z")]
    [TestCase("plain text, not a stamp")]
    [TestCase("")]
    public void Malformed_stamps_are_rejected(string text)
    {
        KubeletTimestampParser.TryParse(text, out _, out _).Should().BeFalse();
        LogTimestamp.TryParseGeneral(text, out _).Should().BeFalse();
        LogTimestamp.TryParse(text, out _).Should().BeFalse();
    }

    [TestCase("2026-11-25T24:00:00Z")]
    [TestCase("2026-11-25T23:59:60Z")]
    [TestCase("2026-11-25T17:32:42+14:00")]
    [TestCase("2026-11-25T17:32:42-14:00")]
    [TestCase("2026-11-25T17:32:42+05:60")]
    [TestCase("2026-11-25T17:32:42+0530")]
    [TestCase("2026-11-25T17:32:42.5+05")]
    [TestCase("0001-01-01T00:00:00Z")]
    [TestCase("0001-01-01T00:00:00+01:00")]
    [TestCase("9999-12-31T23:59:59.9Z")]
    [TestCase("9999-12-31T23:59:59-01:00")]
    [TestCase("2026-11-25T17:32:42 Z")]
    [TestCase("2026-11-25T17:32:42.123 +01:00")]
    public void Unusual_forms_are_left_to_the_general_parser(string text)
    {
        KubeletTimestampParser.TryParse(text, out _, out _).Should().BeFalse();
        var generalAccepts = LogTimestamp.TryParseGeneral(text, out var general);
        LogTimestamp.TryParse(text, out var parsed).Should().Be(generalAccepts);
        parsed.Should().Be(general);
    }

    [Test]
    public void The_fast_parser_agrees_with_the_general_one_wherever_it_answers()
    {
        string[] years = ["0001", "0002", "1969", "1970", "2000", "2024", "2026", "2100", "9998", "9999"];
        string[] months = ["00", "01", "02", "04", "12", "13", "1a"];
        string[] days = ["00", "01", "28", "29", "30", "31", "32"];
        string[] hours = ["00", "13", "23", "24"];
        string[] minutes = ["00", "59", "60"];
        string[] seconds = ["00", "30", "59", "60"];
        string[] fractions = ["", ".", ".0", ".1", ".05", ".120", ".123456", ".999999999", ".000000001", ".1234567890", ".1x"];
        string[] zones = ["Z", "z", "", "+00:00", "-00:00", "+05:30", "-08:00", "+13:59", "-13:59", "+14:00", "-14:00", "+14:01", "+05:60", "+0530", "+05", "Z ", "ZZ"];
        var random = new Random(7);
        string Pick(string[] values) => values[random.Next(values.Length)];

        var answered = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var text = $"{Pick(years)}-{Pick(months)}-{Pick(days)}T{Pick(hours)}:{Pick(minutes)}:{Pick(seconds)}{Pick(fractions)}{Pick(zones)}";
            var generalAccepts = LogTimestamp.TryParseGeneral(text, out var general);
            if (KubeletTimestampParser.TryParse(text, out var unixSeconds, out var nanoseconds))
            {
                answered++;
                generalAccepts.Should().BeTrue(text);
                new LogTimestamp(unixSeconds, nanoseconds).Should().Be(general, text);
            }

            LogTimestamp.TryParse(text, out var parsed).Should().Be(generalAccepts, text);
            parsed.Should().Be(general, text);
        }

        answered.Should().BeGreaterThan(2_000, "the sample must exercise the fast path, not only the fallback");
    }

    [Test]
    public void Splitting_keeps_the_text_after_the_first_space()
    {
        LogTimestamp.TrySplit("2026-11-25T16:42:57.1Z  two spaces ", out var stamp, out var text).Should().BeTrue();
        stamp.Should().Be(new LogTimestamp(DateTimeOffset.Parse("2026-11-25T16:42:57Z", CultureInfo.InvariantCulture).ToUnixTimeSeconds(), 100_000_000));
        text.ToString().Should().Be(" two spaces ");

        LogTimestamp.TrySplit("2026-11-25T16:42:57Z", out _, out var empty).Should().BeTrue();
        empty.ToString().Should().BeEmpty();

        LogTimestamp.TrySplit("2026-11-25T16:42:57Q rest", out _, out var unchanged).Should().BeFalse();
        unchanged.ToString().Should().Be("2026-11-25T16:42:57Q rest");
    }
}
