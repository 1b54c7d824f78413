namespace Jobman.Core.Hosting;

/// <summary>
/// The user's environment as the host sees it. Plugins read environment variables (KUBECONFIG, credentials) and
/// the home directory through this, never from the process directly, so tests can run isolated in one process.
/// </summary>
/// <param name="HomeDirectory">The user's home directory.</param>
/// <param name="GetVariable">Reads an environment variable (null when unset).</param>
public sealed record JobmanEnvironment(string HomeDirectory, Func<string, string?> GetVariable)
{
    /// <summary>True when stdout is piped or redirected.</summary>
    public bool IsOutputRedirected { get; init; }

    /// <summary>
    /// Writes a warning line to stderr. For services that have no <see cref="Output.IOutput"/> (image registries,
    /// created before a command runs), e.g. to warn about an insecure setting or a readable credentials file.
    /// </summary>
    public Action<string> Warn { get; init; } = static _ => { };
}
