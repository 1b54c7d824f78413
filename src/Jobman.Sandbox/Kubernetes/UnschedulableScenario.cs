namespace Jobman.Sandbox.Kubernetes;

public sealed record UnschedulableScenario : JobScenario
{
    /// <summary>The resource the scheduler found insufficient.</summary>
    public string Resource { get; init; } = "cpu";
}
