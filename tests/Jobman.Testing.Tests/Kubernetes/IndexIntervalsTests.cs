using Jobman.Sandbox.Kubernetes;

namespace Jobman.Testing.Tests.Kubernetes;

/// <summary>The interval text of <c>status.completedIndexes</c> / <c>failedIndexes</c>, as the upstream controller writes it.</summary>
[TestFixture]
public sealed class IndexIntervalsTests
{
    [TestCase(new int[0], "")]
    [TestCase(new[] { 0 }, "0")]
    [TestCase(new[] { 0, 1, 2 }, "0-2")]
    [TestCase(new[] { 1, 3, 4, 5, 7 }, "1,3-5,7")]
    [TestCase(new[] { 7, 5, 4, 3, 1 }, "1,3-5,7")]
    [TestCase(new[] { 3, 4 }, "3,4")]
    [TestCase(new[] { 0, 1, 3, 4, 5, 6, 9 }, "0,1,3-6,9")]
    public void Formats_ascending_intervals(int[] indexes, string expected) =>
        IndexIntervals.Of(indexes).ToString().Should().Be(expected);

    [TestCase("", new int[0])]
    [TestCase("0", new[] { 0 })]
    [TestCase("0-2", new[] { 0, 1, 2 })]
    [TestCase("1,3-5,7", new[] { 1, 3, 4, 5, 7 })]
    [TestCase("3,4", new[] { 3, 4 })]
    public void Parses_the_text_back(string text, int[] expected)
    {
        var parsed = IndexIntervals.Parse(text);

        parsed.Indexes.Should().Equal(expected);
        parsed.Count.Should().Be(expected.Length);
        parsed.ToString().Should().Be(text);
    }

    [Test]
    public void Parse_drops_indexes_at_or_above_completions_and_skips_corrupted_intervals()
    {
        IndexIntervals.Parse("1,3-5,7", completions: 5).ToString().Should().Be("1,3,4");
        IndexIntervals.Parse("x,2,4-y,6", completions: 10).ToString().Should().Be("2,6");
        IndexIntervals.Parse(null).Count.Should().Be(0);
    }

    [Test]
    public void Add_and_contains()
    {
        var set = IndexIntervals.Parse("0,2");

        set.Add(1).Should().BeTrue();
        set.Add(1).Should().BeFalse();
        set.Contains(2).Should().BeTrue();
        set.Contains(3).Should().BeFalse();
        set.ToString().Should().Be("0-2");
    }
}
