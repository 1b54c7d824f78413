namespace Jobman.Sandbox.Kubernetes;

public sealed record HoldScenario : JobScenario;
