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
    /// Prints a warning line on stderr (the host adds the <c>warning:</c> prefix). For services outside a command's
    /// <see cref="Output.IOutput"/>, e.g. a registry noticing that a credentials file is readable by others.
    /// </summary>
    public Action<string> Warn { get; init; } = _ => { };
}
