namespace Jobman.Sandbox.Kubernetes;

/// <summary>Each pod follows the scenario chosen for its completion index (a pod without one gets index -1).</summary>
public sealed record ByIndexScenario(Func<int, JobScenario> ScenarioOf) : JobScenario;
