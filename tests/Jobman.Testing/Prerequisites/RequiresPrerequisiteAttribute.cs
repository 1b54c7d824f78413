using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Jobman.Testing.Prerequisites;

/// <summary>
/// Marks a test, fixture or assembly as needing something from outside the repository: when it is missing, the
/// tests are skipped with the reason (laptop) or marked not runnable, which fails them (<c>CI=true</c>). Decided
/// when tests are loaded, so nothing of the fixture runs.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method | AttributeTargets.Assembly, AllowMultiple = true, Inherited = true)]
public abstract class RequiresPrerequisiteAttribute : NUnitAttribute, IApplyToTest
{
    private readonly PrerequisiteCheck _check;

    protected RequiresPrerequisiteAttribute(PrerequisiteCheck check) => _check = check;

    public void ApplyToTest(NUnit.Framework.Internal.Test test) => ApplyToTest(test, Prerequisite.IsCi);

    /// <summary>Marks <paramref name="test"/> skipped, or not runnable (a failure) <paramref name="underCi"/>, when the prerequisite is missing.</summary>
    public void ApplyToTest(NUnit.Framework.Internal.Test test, bool underCi)
    {
        if (test.RunState is RunState.NotRunnable or RunState.Ignored || _check.Locate() is not null)
        {
            return;
        }

        test.RunState = underCi ? RunState.NotRunnable : RunState.Ignored;
        test.Properties.Set(PropertyNames.SkipReason, _check.Reason(underCi));
    }
}
