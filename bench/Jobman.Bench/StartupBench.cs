namespace Jobman.Bench;

/// <summary>
/// Wall time from process start to exit of the installed jobman beside a hello-world tool built the same way.
/// Commands are interleaved run by run so that load from other work on the machine hits all of them alike.
/// </summary>
internal sealed class StartupBench(BenchContext context, FigureWriter figures)
{
    private const int Warmup = 3;
    private const string PluginCacheSwitch = "JOBMAN_PLUGIN_CACHE";

    public async Task RunAsync()
    {
        var environment = context.Environment("startup");
        // The same commands with the plugin manifest cache switched off: every plugin loaded, as before the cache.
        var uncached = context.Environment("startup", (PluginCacheSwitch, "off"));
        var commands = new (string Name, string Command, string[] Args, Dictionary<string, string?> Environment)[]
        {
            ("startup.hello_world", context.HelloWorld, [], environment),
            ("startup.jobman_version", context.Jobman, ["--version"], environment),
            ("startup.jobman_help", context.Jobman, ["--help"], environment),
            ("startup.jobman_list_help", context.Jobman, ["list", "--help"], environment),
            ("startup.jobman_images_help", context.Jobman, ["images", "--help"], environment),
            ("startup.jobman_help_without_plugin_cache", context.Jobman, ["--help"], uncached),
            ("startup.jobman_list_help_without_plugin_cache", context.Jobman, ["list", "--help"], uncached),
        };
        Console.Error.WriteLine($"# startup: {context.Options.StartupRuns} interleaved runs of each (after {Warmup} warm-up runs), median");
        var times = commands.ToDictionary(c => c.Name, _ => new List<double>());
        for (var run = -Warmup; run < context.Options.StartupRuns; run++)
        {
            foreach (var (name, command, args, variables) in commands)
            {
                var result = (await ChildProcess.RunAsync(command, args, variables, measureMemory: false)).EnsureSucceeded(name);
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
        figures.Add("startup.help_without_plugin_cache_vs_hello_world", medians["startup.jobman_help_without_plugin_cache"] / hello, "x");
    }
}
