namespace Jobman.Testing.Cli;

/// <summary>What one jobman run printed and returned.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Stdout">Everything written to stdout.</param>
/// <param name="Stderr">Everything written to stderr.</param>
public sealed record RunResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
