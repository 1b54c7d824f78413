using System.Diagnostics;

namespace Jobman.Testing.Tests.Kubernetes;

/// <summary>
/// The independent clients these tests drive (kubectl, Debian's python3-kubernetes). The one place that decides what
/// happens when one is missing: skipped with the reason on a laptop, a failure under <c>CI=true</c> (.ci/run installs them).
/// </summary>
public static class ExternalClients
{
    /// <summary>Debian's interpreter: a python3 earlier on PATH (pyenv) lacks the module.</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> PythonClientProblem = new(FindPythonClientProblem);

    public static void RequirePythonClient()
    {
        if (PythonClientProblem.Value is { } problem)
        {
            Missing($"{problem}: install it with 'apt-get install python3-kubernetes' (.ci/install-registry-tools.sh installs it)");
        }
    }

    private static void Missing(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Ignore(reason);
    }

    private static string? FindPythonClientProblem()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is missing";
        }

        using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import kubernetes"]) { RedirectStandardError = true, UseShellExecute = false })!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : "the official Python client (module 'kubernetes') is missing";
    }
}
