namespace Jobman.Core;

/// <summary>
/// A failure the user can act on. The host prints <see cref="Exception.Message"/> as one line on stderr
/// and exits with <see cref="ExitCode"/>; the stack trace is shown only with <c>--verbose</c>.
/// </summary>
public class JobmanException : Exception
{
    /// <summary>Creates an exception for a failed operation (exit code 1).</summary>
    /// <param name="message">One line telling the user what went wrong.</param>
    /// <param name="exitCode">The process exit code.</param>
    /// <param name="innerException">The underlying cause, shown only with <c>--verbose</c>.</param>
    public JobmanException(string message, int exitCode = ExitCodes.Failed, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code the host returns.</summary>
    public int ExitCode { get; }

    /// <summary>Creates a usage error (exit code 2): a bad option value, unknown name or invalid settings.</summary>
    /// <param name="message">One line telling the user what to fix.</param>
    /// <param name="innerException">The underlying cause.</param>
    /// <returns>The exception to throw.</returns>
    public static JobmanException Usage(string message, Exception? innerException = null) =>
        new(message, ExitCodes.Usage, innerException);
}
