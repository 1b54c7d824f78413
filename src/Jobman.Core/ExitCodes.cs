namespace Jobman.Core;

/// <summary>The process exit codes jobman documents in <c>--help</c> and the README.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The operation failed: API or registry error, job failed under <c>--wait</c>.</summary>
    public const int Failed = 1;

    /// <summary>The command line or the settings were wrong.</summary>
    public const int Usage = 2;

    /// <summary>The user pressed Ctrl+C.</summary>
    public const int Cancelled = 130;
}
