using System.Runtime.InteropServices;

namespace Jobman.Cli.Hosting;

/// <summary>
/// The process's outside world as the host sees it, so tests can run the whole host in-process with their own
/// streams, home directory, environment and tool directory.
/// </summary>
public sealed class HostEnvironment
{
    /// <summary>Standard output.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Standard input.</summary>
    public required TextReader In { get; init; }

    /// <summary>True when stdout is piped or redirected (no colour, no pager, no live redraw).</summary>
    public bool IsOutputRedirected { get; init; }

    /// <summary>True when stdin is not a terminal (prompts are answered "no").</summary>
    public bool IsInputRedirected { get; init; }

    /// <summary>Terminal width for tables (0 when unknown).</summary>
    public int Width { get; init; }

    /// <summary>The user's home directory (for <c>~/.jobman</c>).</summary>
    public required string HomeDirectory { get; init; }

    /// <summary>The folder the tool runs from (bundled plugins and the settings template live there).</summary>
    public required string ToolDirectory { get; init; }

    /// <summary>Reads an environment variable.</summary>
    public required Func<string, string?> GetEnvironmentVariable { get; init; }

    /// <summary>Cancelled when the user presses Ctrl+C, or when stdout's reader has gone (see <see cref="IsOutputClosed"/>).</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// Held while a result or a message is written, so that a warning from another thread (a command's journal, written
    /// while its table is printed) comes before or after a result, never inside it or during one of its flushes.
    /// </summary>
    public object OutputLock { get; } = new();

    /// <summary>True once stdout's reader has gone (<c>| head -1</c>): the command then ends quietly with exit code 0.</summary>
    public Func<bool> IsOutputClosed { get; init; } = static () => false;

    private static PosixSignalRegistration? s_interrupt;

    private static PosixSignalRegistration? s_terminate;

    /// <summary>The real process environment, with Ctrl+C and SIGTERM wired to <see cref="Cancellation"/>.</summary>
    /// <returns>The environment.</returns>
    public static HostEnvironment FromProcess()
    {
        var cts = new CancellationTokenSource();
        // The first Ctrl+C (or SIGTERM) cancels gracefully; a second one ends the process as usual.
        bool CancelOnce()
        {
            if (cts.IsCancellationRequested)
            {
                return false;
            }

            cts.Cancel();
            return true;
        }

        // Ctrl+C through a signal registration, not Console.CancelKeyPress: that event sets up the terminal (terminfo,
        // Console.Out and its encoding) on every start, ~8 ms before any command runs, for a console jobman only
        // writes to through its own streams. The registrations live as long as the process.
        s_interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = CancelOnce());
        try
        {
            // `kill`, `timeout 60 jobman ...` and CI runners stop a process with SIGTERM: stop as on Ctrl+C, so what the
            // command started (the sandbox's API server, a followed log) is ended, not orphaned.
            s_terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = CancelOnce());
        }
        catch (PlatformNotSupportedException)
        {
            // Platforms without SIGTERM keep the runtime's default.
        }
        int width;
        try
        {
            width = Console.IsOutputRedirected ? 0 : Console.WindowWidth;
        }
        catch (IOException)
        {
            width = 0;
        }

        var stdout = new StandardOutputStream(Console.OpenStandardOutput(), () =>
        {
            try
            {
                cts.Cancel();
            }
            catch (AggregateException)
            {
                // A cancellation callback failed; the command still ends through the failed write.
            }
        });
        if (Console.IsOutputRedirected)
        {
            ClosedOutputWatcher.Start(stdout);
        }

        return new HostEnvironment
        {
            // Console.Out flushes (one write call) per line, which capped 'logs -f' far below kubectl: buffer stdout
            // and let the output flush at line-sized messages, after each log chunk, and when jobman exits.
            Out = new StreamWriter(stdout, new System.Text.UTF8Encoding(false), 64 * 1024) { AutoFlush = false },
            IsOutputClosed = () => stdout.IsClosed,
            // Written as stdout is (UTF-8), without Console.Error's console set-up; synchronized as Console.Error is,
            // since warnings may come from any thread.
            Error = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardError(), new System.Text.UTF8Encoding(false), 1024) { AutoFlush = true }),
            // Read only by a confirmation prompt: Console.In sets up the terminal, so it is opened on first read.
            In = new DeferredReader(static () => Console.In),
            IsOutputRedirected = Console.IsOutputRedirected,
            IsInputRedirected = Console.IsInputRedirected,
            Width = width,
            // DoNotVerify: for a HOME that does not exist yet the default answer is "", which turned every
            // ~/.jobman path into one relative to the current folder.
            HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify),
            ToolDirectory = AppContext.BaseDirectory,
            GetEnvironmentVariable = Environment.GetEnvironmentVariable,
            Cancellation = cts.Token,
        };
    }
}
