using Jobman.Core;
using Jobman.Plugins.KubernetesJobs.Arrays;

namespace Jobman.Plugins.KubernetesJobs.Tests.Arrays;

public class ArraySpecTests
{
    [TestCase("0-4", new[] { 0, 1, 2, 3, 4 }, null)]
    [TestCase("0-99%8", null, 8)]
    [TestCase("1,4,9", new[] { 1, 4, 9 }, null)]
    [TestCase("0-20:5", new[] { 0, 5, 10, 15, 20 }, null)]
    [TestCase("9,1-3,2", new[] { 1, 2, 3, 9 }, null)]
    [TestCase(" 3 ", new[] { 3 }, null)]
    [TestCase("0-10:3%2", new[] { 0, 3, 6, 9 }, 2)]
    public void Slurm_syntax_gives_sorted_distinct_task_ids(string text, int[]? ids, int? parallelism)
    {
        var spec = ArraySpec.Parse(text);
        if (ids is not null)
        {
            spec.TaskIds.Should().Equal(ids);
        }

        spec.Parallelism.Should().Be(parallelism);
    }

    [TestCase("0-99", true)]
    [TestCase("0", true)]
    [TestCase("1-5", false)]
    [TestCase("0,2", false)]
    public void Dense_arrays_are_0_to_n_minus_1(string text, bool dense) => ArraySpec.Parse(text).IsDense.Should().Be(dense);

    [TestCase(new[] { 0, 1, 2, 3 }, "0-3")]
    [TestCase(new[] { 1, 4, 9 }, "1,4,9")]
    [TestCase(new[] { 0, 5, 10, 15, 20 }, "0-20:5")]
    [TestCase(new[] { 0, 1, 5 }, "0-1,5")]
    [TestCase(new[] { 7 }, "7")]
    public void Compact_writes_what_parse_reads(int[] ids, string text)
    {
        ArraySpec.Compact(ids).Should().Be(text);
        ArraySpec.Parse(text).TaskIds.Should().Equal(ids);
    }

    [TestCase("", "no task ids")]
    [TestCase("%4", "no task ids")]
    [TestCase("a", "whole numbers")]
    [TestCase("-1", "whole numbers")]
    [TestCase("1-", "whole numbers")]
    [TestCase("5-1", "ends before it starts")]
    [TestCase("0-10:0", "step")]
    [TestCase("3:2", "step needs a range")]
    [TestCase("0-9%0", "'%0'")]
    [TestCase("0-9%x", "'%x'")]
    [TestCase("0-99999999", "whole numbers from 0 to 9999999")]
    [TestCase("0-100000", "more than 100000 tasks")]
    [TestCase("1,,2", "whole numbers")]
    [TestCase("0-3\u001b[31m", "whole numbers")]
    public void Bad_specs_are_usage_errors_naming_the_problem(string text, string problem)
    {
        var error = FluentActions.Invoking(() => ArraySpec.Parse(text)).Should().Throw<JobmanException>().Which;
        error.ExitCode.Should().Be(ExitCodes.Usage);
        error.Message.Should().Contain(problem).And.StartWith("--array").And.NotContain("\u001b");
    }

    [Test]
    public void With_a_sweep_a_bare_percent_means_every_row_and_ids_must_be_rows()
    {
        var all = ArraySpec.Parse("%3", rowCount: 10);
        all.TaskIds.Should().Equal(Enumerable.Range(0, 10));
        all.Parallelism.Should().Be(3);
        FluentActions.Invoking(() => ArraySpec.Parse("5-10", rowCount: 10)).Should().Throw<JobmanException>().WithMessage("*task id 10 has no row*10 row(s)*");
    }
}
