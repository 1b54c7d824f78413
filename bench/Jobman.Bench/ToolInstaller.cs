using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;

namespace Jobman.Bench;

/// <summary>
/// Packs jobman (Release, framework-dependent, bundled plugins, ReadyToRun on the RIDs it is precompiled for) and a
/// hello-world console packed the same way, and installs both with <c>dotnet tool install --tool-path</c> into the work folder.
/// </summary>
internal static class ToolInstaller
{
    public const string HelloCommand = "jobman-bench-hello";

    private const string HelloProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <PackAsTool>true</PackAsTool>
            <ToolCommandName>jobman-bench-hello</ToolCommandName>
            <PackageId>jobman-bench-hello</PackageId>
            <Version>1.0.0</Version>
            <RollForward>Major</RollForward>
            <InvariantGlobalization>true</InvariantGlobalization>
          </PropertyGroup>
        </Project>
        """;

    public static async Task<string> InstallAsync(string repo, string work)
    {
        var feed = Path.Combine(work, "feed");
        var tools = Path.Combine(work, "tools");
        var cli = Path.Combine(repo, "src", "Jobman.Cli", "Jobman.Cli.csproj");
        var version = XDocument.Load(cli).Descendants("Version").First().Value;

        Progress("packing jobman (Release)...");
        await DotnetAsync(repo, "pack", cli, "-c", "Release", "-o", feed);
        await DotnetAsync(repo, "tool", "install", "jobman", "--tool-path", tools, "--add-source", feed, "--version", version);

        // The tool package may come from a NuGet cache; make sure the bench measures the code just built. `dotnet pack`
        // makes one package per RID (precompiled) plus jobman.any: the installed jobman.dll must be in one of them.
        var installed = Directory.GetFiles(tools, "jobman.dll", SearchOption.AllDirectories).Single();
        var installedHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(installed)));
        if (!Directory.GetFiles(feed, $"jobman.*.{version}.nupkg").SelectMany(PackedJobmanDllHashes).Contains(installedHash))
        {
            throw new InvalidOperationException($"installed {installed} is not the jobman.dll just packed (stale NuGet cache of jobman {version}?)");
        }

        Progress("packing the hello-world baseline...");
        var hello = Path.Combine(work, "hello");
        Directory.CreateDirectory(hello);
        await File.WriteAllTextAsync(Path.Combine(hello, "Hello.csproj"), HelloProject);
        await File.WriteAllTextAsync(Path.Combine(hello, "Program.cs"), "System.Console.WriteLine(\"hello, world\");\n");
        // Outside the repo, so the repo's Directory.Build.props and central package versions do not apply.
        await DotnetAsync(hello, "pack", Path.Combine(hello, "Hello.csproj"), "-c", "Release", "-o", feed);
        await DotnetAsync(hello, "tool", "install", HelloCommand, "--tool-path", tools, "--add-source", feed, "--version", "1.0.0");
        return tools;
    }

    private static IEnumerable<string> PackedJobmanDllHashes(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Where(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 3 && e.Name == "jobman.dll")
            .Select(e =>
            {
                using var stream = e.Open();
                return Convert.ToHexString(SHA256.HashData(stream));
            })
            .ToList();
    }

    /// <summary>Builds the .NET floor program for the list bench (see bench/Jobman.Bench.Floor).</summary>
    public static async Task<string> BuildFloorAsync(string repo, string work)
    {
        Progress("building the .NET floor for list...");
        var output = Path.Combine(work, "floor");
        await DotnetAsync(repo, "build", Path.Combine(repo, "bench", "Jobman.Bench.Floor", "Jobman.Bench.Floor.csproj"), "-c", "Release", "-o", output);
        return Path.Combine(output, "Jobman.Bench.Floor");
    }

    internal static async Task DotnetAsync(string workingDirectory, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed ({process.ExitCode}):\n{await stdout}{await stderr}");
        }
    }

    private static void Progress(string message) => Console.Error.WriteLine("# " + message);
}
