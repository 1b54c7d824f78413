using Jobman.Plugins.KubernetesJobs.Arrays;

namespace Jobman.Plugins.KubernetesJobs.Tests.Arrays;

public class IndexRangesTests
{
    [TestCase("", new int[0])]
    [TestCase(null, new int[0])]
    [TestCase("0", new[] { 0 })]
    [TestCase("0-2", new[] { 0, 1, 2 })]
    [TestCase("1,3-5,7", new[] { 1, 3, 4, 5, 7 })]
    [TestCase("3,4", new[] { 3, 4 })]
    [TestCase("0-2,4,5,9-11", new[] { 0, 1, 2, 4, 5, 9, 10, 11 })]
    public void Reads_the_job_controllers_interval_lists(string? text, int[] indexes) =>
        IndexRanges.Parse(text).Should().Equal(indexes);

    [TestCase("x")]
    [TestCase("3-1")]
    [TestCase("1,,2")]
    [TestCase("0-99999999")]
    public void Something_else_reads_as_nothing_rather_than_a_wrong_set(string text) =>
        IndexRanges.Parse(text).Should().BeEmpty();
}
