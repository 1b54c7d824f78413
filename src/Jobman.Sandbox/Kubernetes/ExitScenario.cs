namespace Jobman.Sandbox.Kubernetes;

public sealed record ExitScenario(int ExitCode, string Log) : JobScenario;
