using Jobman.Bench;

var options = BenchOptions.Parse(args);
if (options is null)
{
    await Console.Error.WriteLineAsync(BenchOptions.Usage);
    return 2;
}

if (options.Serve is { } serve)
{
    await ListBench.ServeAsync(serve, Directory.CreateTempSubdirectory("jobman-bench-serve-").FullName);
    return 0;
}

var figures = new FigureWriter(Console.Out);
await using var context = await BenchContext.CreateAsync(options);
await Console.Error.WriteLineAsync(MachineDescription.Describe());
// What `dotnet tool install` left on disk (extracted files and NuGet's copies of the packages), jobman's only.
var jobmanStore = Path.Combine(context.ToolPath, ".store", "jobman");
if (Directory.Exists(jobmanStore))
{
    figures.Add("install.jobman_size", new DirectoryInfo(jobmanStore).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / 1048576.0, "MB");
}

if (options.Includes("startup"))
{
    await new StartupBench(context, figures).RunAsync();
}

if (options.Includes("list"))
{
    await new ListBench(context, figures).RunAsync();
}

if (options.Includes("logs"))
{
    await new LogsBench(context, figures).RunAsync();
}

if (options.Includes("images"))
{
    await new ImagesBench(context, figures).RunAsync();
}

if (options.Includes("history"))
{
    await new HistoryBench(context, figures).RunAsync();
}

if (options.Includes("array"))
{
    await new ArrayBench(context, figures).RunAsync();
}

if (options.Includes("kueue"))
{
    await new KueueBench(context, figures).RunAsync();
}

await Console.Error.WriteLineAsync(MachineDescription.Describe());
return 0;
