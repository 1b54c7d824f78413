namespace Jobman.Sandbox.Kubernetes;

public sealed record OomKilledScenario : JobScenario;
