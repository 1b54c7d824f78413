using Jobman.Testing.Prerequisites;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Jobman.Testing.Tests.Prerequisites;

/// <summary>A missing prerequisite skips on a laptop with how to get it, and fails under CI; a present one is returned.</summary>
public sealed class PrerequisiteTests
{
    private static readonly PrerequisiteCheck Missing = new("frobnicator", "apt-get install frobnicator", () => null);

    [Test]
    public void A_missing_prerequisite_skips_with_how_to_get_it()
    {
        var skip = Missing.Invoking(c => c.Require(underCi: false)).Should().Throw<IgnoreException>().Which;

        skip.Message.Should().Be("missing frobnicator: apt-get install frobnicator");
    }

    [Test]
    public void Under_ci_a_missing_prerequisite_fails()
    {
        var failure = Missing.Invoking(c => c.Require(underCi: true)).Should().Throw<AssertionException>().Which;

        failure.Message.Should().Be("missing frobnicator: apt-get install frobnicator (CI=true: a missing prerequisite fails the run)");
    }

    [Test]
    public void A_present_prerequisite_is_returned_and_looked_up_once()
    {
        var lookups = 0;
        var check = new PrerequisiteCheck("tool", "get it", () => $"/usr/bin/tool{++lookups}");

        check.Require(underCi: true).Should().Be("/usr/bin/tool1");
        check.Require(underCi: false).Should().Be("/usr/bin/tool1");
        lookups.Should().Be(1);
    }

    [TestCase(false, RunState.Ignored)]
    [TestCase(true, RunState.NotRunnable)]
    public void The_attribute_skips_or_fails_the_test_before_it_runs(bool underCi, RunState expected)
    {
        var test = new TestMethod(new MethodWrapper(typeof(PrerequisiteTests), nameof(A_present_prerequisite_is_returned_and_looked_up_once)));

        new RequiresFrobnicatorAttribute().ApplyToTest(test, underCi);

        test.RunState.Should().Be(expected);
        test.Properties.Get(PropertyNames.SkipReason).Should().Be(Missing.Reason(underCi));
    }

    [Test]
    public void A_tool_override_pointing_nowhere_means_not_installed()
    {
        var variable = "JOBMAN_TEST_PREREQUISITE_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "/nonexistent/kubectl");
        try
        {
            TestTool.Find("sh", variable).Should().BeNull();
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        TestTool.Find("sh", variable).Should().EndWith("/sh");
    }

    private sealed class RequiresFrobnicatorAttribute() : RequiresPrerequisiteAttribute(Missing);
}
