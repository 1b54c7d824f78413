namespace Jobman.Sandbox.Kubernetes;

public sealed record RunCommandScenario : JobScenario;
