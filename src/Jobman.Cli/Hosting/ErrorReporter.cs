using System.Security.Authentication;
using Jobman.Core;

namespace Jobman.Cli.Hosting;

/// <summary>Turns any exception into one line on stderr and an exit code; the stack trace only with --verbose.</summary>
internal static class ErrorReporter
{
    public static int Report(Exception exception, TextWriter error, bool verbose)
    {
        var (message, code) = Describe(exception);
        // Messages quote names and server text: always one line, with control characters shown escaped.
        error.WriteLine($"error: {Core.Text.TerminalText.OneLine(message)}");
        if (verbose)
        {
            // The causes first, one line each (a transport failure is often three wrappers deep), then the traces.
            for (var cause = exception.InnerException; cause is not null; cause = cause.InnerException)
            {
                error.WriteLine($"  caused by {cause.GetType().FullName}: {cause.Message}");
            }

            error.WriteLine(exception.ToString());
        }

        return code;
    }

    private static (string Message, int Code) Describe(Exception exception) => exception switch
    {
        JobmanException j => (j.Message, j.ExitCode),
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerExceptions[0]),
        HttpRequestException { InnerException: AuthenticationException tls } =>
            ($"TLS error: {tls.Message} (check the server certificate or the CA bundle setting)", ExitCodes.Failed),
        HttpRequestException http => ($"cannot reach the server: {http.Message}", ExitCodes.Failed),
        AuthenticationException tls => ($"TLS error: {tls.Message}", ExitCodes.Failed),
        _ => ($"unexpected {exception.GetType().Name}: {exception.Message} (run with --verbose for details)", ExitCodes.Failed),
    };
}
