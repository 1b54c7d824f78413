namespace Jobman.Sandbox.Kubernetes;

public sealed record ImagePullBackOffScenario : JobScenario;
