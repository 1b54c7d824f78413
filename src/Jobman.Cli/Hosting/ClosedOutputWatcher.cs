using System.Runtime.InteropServices;

namespace Jobman.Cli.Hosting;

/// <summary>
/// Notices a closed stdout pipe while jobman is not writing (<c>list --watch | head -1</c> waiting for the next
/// change, <c>logs -f</c> of a quiet job): a background thread waits in poll(2) on descriptor 1, which reports
/// POLLERR once the pipe has no reader. Regular files and terminals never report it, so the thread just waits.
/// </summary>
internal static class ClosedOutputWatcher
{
    private const short PollErr = 0x008;
    private const short PollHup = 0x010;
    private const short PollNval = 0x020;

    public static void Start(StandardOutputStream stdout)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            return;
        }

        var thread = new Thread(() => Watch(stdout)) { IsBackground = true, Name = "stdout watcher" };
        thread.Start();
    }

    private static void Watch(StandardOutputStream stdout)
    {
        try
        {
            var fd = new PollFd { Fd = 1, Events = 0 };
            while (!stdout.IsClosed)
            {
                var ready = Poll(ref fd, 1, 1000);
                if (ready > 0 && (fd.Revents & (PollErr | PollHup | PollNval)) != 0)
                {
                    stdout.MarkClosed();
                    return;
                }

                if (ready < 0 && Marshal.GetLastPInvokeError() != 4)
                {
                    // Anything but EINTR: poll cannot watch this descriptor; writes still notice a closed pipe.
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc poll: writes still notice a closed pipe.
        }
    }

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll(ref PollFd fds, nuint count, int timeoutMilliseconds);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
