namespace Jobman.Sandbox.Kubernetes;

public sealed record ContainerCreatingScenario : JobScenario;
