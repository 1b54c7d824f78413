namespace Jobman.Testing.Tests.Kubernetes;

/// <summary>What one kubectl run printed and returned.</summary>
public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
