using System.Diagnostics;
using System.Xml.Linq;

namespace Jobman.Packaging.Tests;

/// <summary>
/// The tool packed from this repository and installed with `dotnet tool install --tool-path` into a temp folder,
/// once per test run, with its own HOME.
/// </summary>
internal sealed class InstalledTool
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static InstalledTool? s_instance;

    private InstalledTool(string repository, string work)
    {
        Repository = repository;
        Work = work;
        Feed = Path.Combine(work, "feed");
        ToolPath = Path.Combine(work, "tools");
        Home = Path.Combine(work, "home");
        NuGetPackages = Path.Combine(work, "nuget-packages");
    }

    public string Repository { get; }

    public string Work { get; }

    public string Feed { get; }

    public string ToolPath { get; }

    public string Home { get; }

    /// <summary>The NuGet global packages folder of the install (never the user's).</summary>
    public string NuGetPackages { get; }

    public string JobmanPath => Path.Combine(ToolPath, "jobman");

    public string Version => ProjectVersion(Path.Combine(Repository, "src", "Jobman.Cli", "Jobman.Cli.csproj"));

    public static async Task<InstalledTool> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return s_instance ??= await InstallAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    public static void Remove()
    {
        if (s_instance is not null)
        {
            Directory.Delete(s_instance.Work, recursive: true);
            s_instance = null;
        }
    }

    public static string ProjectVersion(string csproj) => XDocument.Load(csproj).Descendants("Version").First().Value;

    public Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => RunInAsync(Home, args);

    /// <summary>Runs the installed jobman with <paramref name="home"/> as HOME (tests that write settings use their own).</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> RunInAsync(string home, params string[] args) =>
        ProcessRunner.RunAsync(JobmanPath, args, Environment(home), timeout: TimeSpan.FromMinutes(1));

    /// <summary>Runs the installed jobman with <paramref name="home"/> as HOME and <paramref name="extra"/> environment variables.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> RunWithAsync(string home, IReadOnlyDictionary<string, string> extra, params string[] args)
    {
        var environment = Environment(home);
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        return ProcessRunner.RunAsync(JobmanPath, args, environment, timeout: TimeSpan.FromMinutes(1));
    }

    /// <summary>Runs the installed jobman with <paramref name="home"/> as HOME and a longer deadline (whole sessions).</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> RunInAsync(string home, TimeSpan timeout, params string[] args) =>
        ProcessRunner.RunAsync(JobmanPath, args, Environment(home), timeout: timeout);

    /// <summary>Runs the installed jobman with <paramref name="home"/> as HOME from <paramref name="workingDirectory"/>.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> RunFromAsync(string workingDirectory, string home, params string[] args) =>
        ProcessRunner.RunAsync(JobmanPath, args, Environment(home), workingDirectory, timeout: TimeSpan.FromMinutes(1));

    public ProcessStartInfo StartInfo(string home, params string[] args)
    {
        var info = new ProcessStartInfo(JobmanPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in Environment(home))
        {
            info.Environment[key] = value;
        }

        return info;
    }

    public Task<(int ExitCode, string Stdout, string Stderr)> DotnetAsync(params string[] args) => DotnetAsync([], args);

    private Task<(int ExitCode, string Stdout, string Stderr)> DotnetAsync(Dictionary<string, string> environment, params string[] args)
    {
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        return ProcessRunner.RunAsync("dotnet", args, environment, workingDirectory: Repository, timeout: TimeSpan.FromMinutes(8));
    }

    private static Dictionary<string, string> Environment(string home) => new()
    {
        ["HOME"] = home,
        ["NO_COLOR"] = "1",
        ["JOBMAN_PLUGINS_PATH"] = string.Empty,
        ["KUBECONFIG"] = string.Empty,
        ["JOBMAN_NO_UPDATE_CHECK"] = "1",
    };

    private static async Task<InstalledTool> InstallAsync()
    {
        var tool = new InstalledTool(FindRepositoryRoot(), Directory.CreateTempSubdirectory("jobman-pack-").FullName);
        Directory.CreateDirectory(tool.Home);
        var pack = await tool.DotnetAsync("pack", Path.Combine(tool.Repository, "src", "Jobman.Cli", "Jobman.Cli.csproj"), "-c", "Release", "-o", tool.Feed);
        pack.ExitCode.Should().Be(0, pack.Stdout + pack.Stderr);
        // Installed with a NuGet packages folder of its own: the user's ~/.nuget/packages may hold another build of
        // this same version (another clone, an earlier run), which NuGet would take instead of the one just packed.
        var install = await tool.DotnetAsync(
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = tool.NuGetPackages },
            "tool", "install", "jobman", "--tool-path", tool.ToolPath, "--add-source", tool.Feed, "--version", tool.Version);
        install.ExitCode.Should().Be(0, install.Stdout + install.Stderr);
        return tool;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Jobman.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Jobman.sln not found above " + AppContext.BaseDirectory);
    }
}
