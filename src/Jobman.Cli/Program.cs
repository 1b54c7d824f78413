using Jobman.Cli.Hosting;

namespace Jobman.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var environment = HostEnvironment.FromProcess();
        try
        {
            return await JobmanHost.RunAsync(args, environment).ConfigureAwait(false);
        }
        finally
        {
            await environment.Out.FlushAsync().ConfigureAwait(false);
        }
    }
}
