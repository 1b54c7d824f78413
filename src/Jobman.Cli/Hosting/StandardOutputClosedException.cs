namespace Jobman.Cli.Hosting;

/// <summary>Standard output's reader has gone; the host ends the command quietly with exit code 0.</summary>
internal sealed class StandardOutputClosedException(IOException? cause)
    : IOException("standard output was closed", cause);
