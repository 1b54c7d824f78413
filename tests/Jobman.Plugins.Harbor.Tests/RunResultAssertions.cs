using Jobman.Testing.Cli;

namespace Jobman.Plugins.Harbor.Tests;

internal static class RunResultAssertions
{
    /// <summary>A failure is exactly one stderr line starting with <c>error:</c>.</summary>
    public static string SingleErrorLine(this RunResult result, int exitCode = 1)
    {
        result.ExitCode.Should().Be(exitCode, result.ToString());
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle(result.ToString());
        lines[0].Should().StartWith("error: ");
        return lines[0];
    }
}
