namespace Jobman.Bench;

/// <summary>
/// The installed tools and a scratch folder: jobman packed and installed with <c>dotnet tool install --tool-path</c>
/// (as users get it) beside a hello-world tool built the same way, plus kubectl from PATH.
/// </summary>
internal sealed class BenchContext : IAsyncDisposable
{
    private BenchContext(BenchOptions options, string work, string toolPath)
    {
        Options = options;
        Work = work;
        ToolPath = toolPath;
    }

    public BenchOptions Options { get; }

    public string Work { get; }

    public string ToolPath { get; }

    public string Jobman => Path.Combine(ToolPath, "jobman");

    public string HelloWorld => Path.Combine(ToolPath, ToolInstaller.HelloCommand);

    public string? Kubectl { get; } = FindOnPath("kubectl");

    public static async Task<BenchContext> CreateAsync(BenchOptions options)
    {
        var work = Directory.CreateTempSubdirectory("jobman-bench-").FullName;
        var toolPath = options.ToolPath ?? await ToolInstaller.InstallAsync(FindRepositoryRoot(), work);
        return new BenchContext(options, work, toolPath);
    }

    /// <summary>A fresh HOME (never the real one) and the variables every run gets.</summary>
    public Dictionary<string, string?> Environment(string name, params (string Name, string? Value)[] extra)
    {
        var home = Path.Combine(Work, "home-" + name);
        Directory.CreateDirectory(home);
        var variables = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["NO_COLOR"] = "1",
            ["JOBMAN_PLUGINS_PATH"] = null,
            ["KUBECONFIG"] = null,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            // Figures measure jobman, never a package feed.
            ["JOBMAN_NO_UPDATE_CHECK"] = "1",
        };
        foreach (var (key, value) in extra)
        {
            variables[key] = value;
        }

        return variables;
    }

    public ValueTask DisposeAsync()
    {
        if (!Options.Keep)
        {
            try
            {
                Directory.Delete(Work, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: it is a temp folder.
            }
        }
        else
        {
            Console.Error.WriteLine($"# work folder kept: {Work}");
        }

        return ValueTask.CompletedTask;
    }

    public static async Task<Measurement[]> RepeatAsync(int runs, Func<Task<Measurement>> run)
    {
        var results = new Measurement[runs];
        for (var i = 0; i < runs; i++)
        {
            results[i] = await run();
        }

        return results;
    }

    private static string? FindOnPath(string command) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists);

    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Jobman.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run the bench from inside the jobman repository (Jobman.sln not found above " + AppContext.BaseDirectory + ")");
    }
}
