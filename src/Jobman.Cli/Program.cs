using Jobman.Cli.Hosting;

namespace Jobman.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var environment = HostEnvironment.FromProcess();
        try
        {
            // Waits as an async Main would. The last flush is synchronous: an awaited flush of the console stream
            // ran on the thread pool, which --version and a cached --help otherwise never start (~3 ms).
            return JobmanHost.RunAsync(args, environment).GetAwaiter().GetResult();
        }
        finally
        {
            try
            {
                environment.Out.Flush();
            }
            catch (IOException) when (environment.IsOutputClosed())
            {
                // The reader of stdout has gone (| head): what is left is not wanted.
            }
        }
    }
}
