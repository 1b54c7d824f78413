using Jobman.Core;
using Jobman.Kubernetes.Names;
using Jobman.Plugins.KubernetesJobs.Logs;

namespace Jobman.Plugins.KubernetesJobs.Tests.Unit;

public class RulesTests
{
    [TestCase("a")]
    [TestCase("train-1")]
    [TestCase("0abc9")]
    public void Valid_job_names_pass(string name) => FluentActions.Invoking(() => JobName.Parse(name)).Should().NotThrow();

    [TestCase("")]
    [TestCase("Train")]
    [TestCase("-a")]
    [TestCase("a-")]
    [TestCase("a.b")]
    [TestCase("a_b")]
    [TestCase(".")]
    [TestCase("..")]
    [TestCase("abc\n")]
    [TestCase("a/b")]
    [TestCase("a%2fb")]
    public void Invalid_job_names_are_usage_errors(string name) =>
        FluentActions.Invoking(() => JobName.Parse(name)).Should().Throw<JobmanException>().Which.ExitCode.Should().Be(ExitCodes.Usage);

    [Test]
    public void Names_longer_than_63_are_refused()
    {
        FluentActions.Invoking(() => JobName.Parse(new string('a', 63))).Should().NotThrow();
        FluentActions.Invoking(() => JobName.Parse(new string('a', 64))).Should().Throw<JobmanException>().WithMessage("*64 characters*63*");
    }

    [Test]
    public void Generated_names_are_valid_and_distinct()
    {
        var names = Enumerable.Range(0, 50).Select(_ => JobNames.Generate()).ToList();
        names.Should().OnlyHaveUniqueItems().And.AllSatisfy(n => n.Should().MatchRegex("^jobman-[a-z0-9]{8}$"));
    }

    [TestCase("30s", 30)]
    [TestCase("10m", 600)]
    [TestCase("1h", 3600)]
    [TestCase("1h30m", 5400)]
    [TestCase("45", 45)]
    public void Durations_parse(string text, int seconds) => DurationText.Parse(text, "--since").TotalSeconds.Should().Be(seconds);

    [TestCase("")]
    [TestCase("10x")]
    [TestCase("m")]
    [TestCase("-5s")]
    public void Bad_durations_are_usage_errors(string text) =>
        FluentActions.Invoking(() => DurationText.Parse(text, "--since")).Should().Throw<JobmanException>().Which.ExitCode.Should().Be(ExitCodes.Usage);

    [Test]
    public void Durations_format_compactly()
    {
        DurationText.Format(TimeSpan.FromSeconds(42)).Should().Be("42s");
        DurationText.Format(TimeSpan.FromSeconds(312)).Should().Be("5m12s");
        DurationText.Format(TimeSpan.FromMinutes(184)).Should().Be("3h4m");
        DurationText.Format(TimeSpan.FromHours(53)).Should().Be("2d5h");
    }

    [Test]
    public void Labels_are_validated()
    {
        LabelRules.Parse("team=vision").Should().Be(new KeyValuePair<string, string>("team", "vision"));
        LabelRules.Parse("example.com/owner=a.b_c").Key.Should().Be("example.com/owner");
        foreach (var bad in new[] { "novalue", "=x", "a=b c", "a=" + new string('x', 64), "Bad_Prefix!/x=y", "app.kubernetes.io/managed-by=me" })
        {
            FluentActions.Invoking(() => LabelRules.Parse(bad)).Should().Throw<JobmanException>().Which.ExitCode.Should().Be(ExitCodes.Usage, bad);
        }
    }

    [Test]
    public void Any_text_becomes_a_valid_label_value()
    {
        LabelRules.ToLabelValue("small gpu (2x)").Should().Be("small-gpu--2x");
        LabelRules.IsValidValue(LabelRules.ToLabelValue(new string('é', 80))).Should().BeTrue();
    }

    [Test]
    public void Log_timestamps_compare_numerically_and_split_lines()
    {
        LogTimestamp.TrySplit("2026-11-25T16:42:57.1Z hello world", out var a, out var text).Should().BeTrue();
        text.ToString().Should().Be("hello world");
        LogTimestamp.TryParse("2026-11-25T16:42:57.12Z", out var b).Should().BeTrue();
        LogTimestamp.TryParse("2026-11-25T16:42:57.123456789+00:00", out var c).Should().BeTrue();
        a.CompareTo(b).Should().BeNegative();
        b.CompareTo(c).Should().BeNegative();
        c.ToSinceTime().Should().Be("2026-11-25T16:42:57Z");
        LogTimestamp.TrySplit("plain line", out _, out var same).Should().BeFalse();
        same.ToString().Should().Be("plain line");
    }
}

public class ResumePointTests
{
    [Test]
    public void After_a_reconnect_repeated_lines_are_skipped_even_with_equal_timestamps()
    {
        var point = new ResumePoint();
        var t1 = Stamp("2026-11-25T10:00:00.1Z");
        var t2 = Stamp("2026-11-25T10:00:00.2Z");
        var t3 = Stamp("2026-11-25T10:00:01.5Z");
        point.Accept(t1).Should().BeTrue();
        point.Accept(t2).Should().BeTrue();
        point.Accept(t2).Should().BeTrue();

        // Reconnect with sinceTime=10:00:00: the server sends everything from that second again, then new lines.
        point.Reconnected();
        new[] { t1, t2, t2, t2, t3 }.Select(point.Accept).Should().Equal(false, false, false, true, true);
        point.Printed.Should().Be(5);
    }

    private static LogTimestamp Stamp(string text) => LogTimestamp.TryParse(text, out var t) ? t : throw new FormatException(text);
}
