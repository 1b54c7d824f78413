using NUnit.Framework;

namespace Jobman.Testing.Prerequisites;

/// <summary>One thing from outside the repository: how to find it (null when missing) and the line naming how to get it.</summary>
/// <param name="Name">What is missing, as the skip reason names it.</param>
/// <param name="HowToGet">How to get it, as the skip reason says.</param>
/// <param name="Find">Returns where it is, or null.</param>
public sealed record PrerequisiteCheck(string Name, string HowToGet, Func<string?> Find)
{
    private readonly Lazy<string?> _found = new(Find);

    public string MissingMessage => $"missing {Name}: {HowToGet}";

    /// <summary>Where it is, or null; looked up once per test run.</summary>
    public string? Locate() => _found.Value;

    /// <summary>The reason a test gets when it is missing; under CI it says why the run fails.</summary>
    public string Reason(bool underCi) => underCi ? MissingMessage + " (CI=true: a missing prerequisite fails the run)" : MissingMessage;

    /// <summary>
    /// Where it is; when missing, ends the calling test (or fixture set-up) as skipped, or as failed
    /// <paramref name="underCi"/>. Thrown like Assert.Ignore / Assert.Fail do, without recording the failure
    /// before the exception leaves, so the decision itself can be tested.
    /// </summary>
    public string Require(bool underCi) =>
        Locate() ?? throw (underCi ? new AssertionException(Reason(underCi)) : new IgnoreException(Reason(underCi)));
}
