namespace Jobman.Plugins.KubernetesJobs.Tests.Hostile;

/// <summary>
/// One row of the hostile-input table: a command line (with <c>{folder}</c> standing for a scratch folder), the exit
/// code and a fragment of the one stderr line it must give, and what may reach the cluster double.
/// </summary>
/// <param name="Name">Shown as the test name.</param>
/// <param name="Args">The command line.</param>
/// <param name="ExitCode">The documented exit code.</param>
/// <param name="Expect">A fragment of the error line.</param>
public sealed record HostileCase(string Name, string[] Args, int ExitCode, string Expect)
{
    /// <summary>The user's settings file (JSON), or null.</summary>
    public string? Settings { get; init; }

    /// <summary>Creates files in the scratch folder before the run.</summary>
    public Action<string>? Prepare { get; init; }

    /// <summary>
    /// True when the command may talk to the cluster (an operation that fails there, exit 1): then the cluster's
    /// state must be unchanged. False: not a single request may be sent.
    /// </summary>
    public bool MayAskCluster { get; init; }

    public override string ToString() => Name;
}
