using System.Diagnostics;
using System.Text.Json.Nodes;
using Jobman.Testing.Prerequisites;
using Microsoft.Data.Sqlite;

namespace Jobman.Plugins.History.Tests;

/// <summary>
/// Real jobman processes (the built host, its plugins loaded from disk as installed) write one journal at once: every
/// submission is recorded, nothing is lost or corrupted, and no process warns.
/// </summary>
public sealed class ConcurrentProcessesTests : HistoryClusterTest
{
    private const int Submitters = 6;
    private const int Listers = 4;

    [Test]
    public async Task Parallel_jobman_processes_never_corrupt_the_journal()
    {
        var host = BuiltHost();
        var processes = new List<Task<(int Code, string Stdout, string Stderr)>>();
        for (var i = 0; i < Submitters; i++)
        {
            processes.Add(RunProcessAsync(host, "submit", "-i", "busybox", "-j", $"parallel-{i}", "--wait", "--", "echo", $"log of {i}"));
        }

        for (var i = 0; i < Listers; i++)
        {
            processes.Add(RunProcessAsync(host, "list"));
        }

        foreach (var (code, stdout, stderr) in await Task.WhenAll(processes))
        {
            code.Should().Be(0, stdout + stderr);
            stderr.Should().NotContain("journal");
        }

        var history = await RunProcessAsync(host, "history", "-o", "json");
        history.Code.Should().Be(0, history.Stderr);
        var jobs = JsonNode.Parse(history.Stdout)!["jobs"]!.AsArray();
        jobs.Select(j => (string)j!["name"]!).Should().BeEquivalentTo(Enumerable.Range(0, Submitters).Select(i => $"parallel-{i}"));
        jobs.Select(j => (string)j!["status"]!).Should().AllBe("Succeeded");

        using var connection = new SqliteConnection($"Data Source={JournalFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        check.ExecuteScalar().Should().Be("ok");

        for (var i = 0; i < Submitters; i++)
        {
            await RunOk("delete", "-j", $"parallel-{i}");
            (await RunOk("logs", "-j", $"parallel-{i}")).Stdout.Should().Be($"log of {i}\n");
        }
    }

    /// <summary>The jobman host built beside this test (the test project builds it through Jobman.Testing), with its plugins folder.</summary>
    private static string BuiltHost()
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("repository root not found");
        // tests/<project>/bin/<Configuration>/<tfm>/: the host was built in the same configuration and framework.
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var host = Path.Combine(root.FullName, "src", "Jobman.Cli", "bin", tfm.Parent!.Name, tfm.Name, "jobman.dll");
        File.Exists(host).Should().BeTrue($"the built host is at {host}");
        Directory.Exists(Path.Combine(Path.GetDirectoryName(host)!, "plugins", "Jobman.Plugins.History")).Should().BeTrue("the History plugin is bundled");
        return host;
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunProcessAsync(string host, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = Home;
        start.Environment["KUBECONFIG"] = Kubeconfig;
        start.Environment["JOBMAN_NO_UPDATE_CHECK"] = "1";
        start.Environment.Remove("JOBMAN_SETTINGS");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
