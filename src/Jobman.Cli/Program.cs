using Jobman.Cli.Hosting;

namespace Jobman.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args) => JobmanHost.RunAsync(args, HostEnvironment.FromProcess());
}
