namespace Jobman.Bench;

/// <summary>
/// Wall time from process start to exit of the installed jobman beside a hello-world tool built the same way.
/// Commands are interleaved run by run so that load from other work on the machine hits all of them alike.
/// </summary>
internal sealed class StartupBench(BenchContext context, FigureWriter figures)
{
    private const int Warmup = 3;

    public async Task RunAsync()
    {
        var environment = context.Environment("startup");
        var commands = new (string Name, string Command, string[] Args)[]
        {
            ("startup.hello_world", context.HelloWorld, []),
            ("startup.jobman_version", context.Jobman, ["--version"]),
            ("startup.jobman_help", context.Jobman, ["--help"]),
            ("startup.jobman_list_help", context.Jobman, ["list", "--help"]),
            ("startup.jobman_images_help", context.Jobman, ["images", "--help"]),
        };
        Console.Error.WriteLine($"# startup: {context.Options.StartupRuns} interleaved runs of each (after {Warmup} warm-up runs), median");
        var times = commands.ToDictionary(c => c.Name, _ => new List<double>());
        for (var run = -Warmup; run < context.Options.StartupRuns; run++)
        {
            foreach (var (name, command, args) in commands)
            {
                var result = (await ChildProcess.RunAsync(command, args, environment, measureMemory: false)).EnsureSucceeded(name);
                if (run >= 0)
                {
                    times[name].Add(result.Wall.TotalMilliseconds);
                }
            }
        }

        var medians = times.ToDictionary(t => t.Key, t => FigureWriter.Median(t.Value));
        foreach (var (name, median) in medians)
        {
            figures.Add(name, median, "ms");
        }

        var hello = medians["startup.hello_world"];
        figures.Add("startup.version_vs_hello_world", medians["startup.jobman_version"] / hello, "x");
        figures.Add("startup.help_vs_hello_world", medians["startup.jobman_help"] / hello, "x");
        figures.Add("startup.list_help_vs_hello_world", medians["startup.jobman_list_help"] / hello, "x");
    }
}
