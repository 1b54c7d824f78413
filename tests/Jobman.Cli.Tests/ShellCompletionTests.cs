using System.Diagnostics;
using Jobman.Sandbox.Kubernetes;
using Jobman.Testing.Prerequisites;

namespace Jobman.Cli.Tests;

/// <summary>
/// The zsh, fish and PowerShell completion scripts run in the real shells against the built tool (host and bundled
/// plugins, as installed), with a job submitted to the Kubernetes double so that its name comes from the job journal.
/// zsh's compadd works only inside the line editor, so the zsh test replaces it with a function printing what the
/// script hands it; fish (<c>complete -C</c>) and PowerShell (<c>TabExpansion2</c>) complete a command line as typed.
/// </summary>
[NonParallelizable]
[Platform(Exclude = "Win", Reason = "runs the Unix shells zsh and fish through a /bin/sh wrapper")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ShellCompletionTests
{
    private const string Expected = "resources-flavors\nresume\n--dry-run\nno-gpu\nsmall-gpu\ntrain-7\nbash\nfish\npowershell\nzsh\n";

    private KubernetesApiServer _cluster = null!;
    private string _home = null!;
    private Dictionary<string, string> _environment = null!;

    [OneTimeSetUp]
    public async Task SubmitAJobAsync()
    {
        _cluster = await KubernetesApiServer.StartAsync();
        _home = Directory.CreateTempSubdirectory("jobman-shells-home-").FullName;
        var kubeconfig = Path.Combine(_home, "kubeconfig");
        _cluster.WriteKubeconfig(kubeconfig, _cluster.AddUser("alice", "team-a"), "team-a");
        var bin = Directory.CreateDirectory(Path.Combine(_home, "bin")).FullName;
        var jobman = Path.Combine(bin, "jobman");
        await File.WriteAllTextAsync(jobman, $"#!/bin/sh\nexec dotnet '{BuiltHost()}' \"$@\"\n");
        File.SetUnixFileMode(jobman, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _environment = new Dictionary<string, string>
        {
            ["HOME"] = _home,
            ["KUBECONFIG"] = kubeconfig,
            ["JOBMAN_NO_UPDATE_CHECK"] = "1",
            ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
        };
        var submit = await RunAsync("/bin/sh", ["-c", "jobman submit -i busybox -j train-7 -- true"]);
        submit.Code.Should().Be(0, submit.Output);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }

    [Test]
    public async Task Zsh_completes_commands_options_flavors_jobs_and_shells()
    {
        var zsh = Prerequisite.Zsh();
        const string Script = """
            source <(jobman completion zsh)
            print -r -- "registered: $_comps[jobman]"
            compadd() { shift $(( ${@[(i)--]} )); print -l -- "$@"; }
            words=(jobman res); CURRENT=2; _jobman
            words=(jobman submit --dry); CURRENT=3; _jobman
            words=(jobman submit -r ''); CURRENT=4; _jobman
            words=(jobman logs -j ''); CURRENT=4; _jobman
            words=(jobman completion ''); CURRENT=3; _jobman
            """;

        var result = await RunAsync(zsh, ["-f", "-c", Script]);

        result.Code.Should().Be(0, result.Output);
        result.Output.Should().Be("registered: _jobman\n" + Expected);
    }

    [Test]
    public async Task Fish_completes_commands_options_flavors_jobs_and_shells()
    {
        var fish = Prerequisite.Fish();
        const string Script = """
            jobman completion fish | source
            complete -C 'jobman res'
            complete -C 'jobman submit --dry'
            complete -C 'jobman submit -r '
            complete -C 'jobman logs -j '
            complete -C 'jobman completion '
            """;

        var result = await RunAsync(fish, ["--no-config", "-c", Script]);

        result.Code.Should().Be(0, result.Output);
        result.Output.Should().Be(Expected);
    }

    [Test]
    public async Task PowerShell_completes_commands_options_flavors_jobs_and_shells()
    {
        if (Prerequisite.PowerShellIfInstalled() is not { } pwsh)
        {
            Assert.Ignore("PowerShell (pwsh) is not installed, and Debian does not package it: install it from Microsoft's packages to run this test");
            return;
        }

        const string Script = """
            jobman completion powershell | Out-String | Invoke-Expression
            foreach ($line in @('jobman res', 'jobman submit --dry', 'jobman submit -r ', 'jobman logs -j ', 'jobman completion ')) {
                (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText }
            }
            """;

        var result = await RunAsync(pwsh, ["-NoProfile", "-NonInteractive", "-Command", Script]);

        result.Code.Should().Be(0, result.Output);
        result.Output.ReplaceLineEndings("\n").Should().Be(Expected);
    }

    /// <summary>The host built beside this test project, with its bundled plugins (the journal's among them).</summary>
    private static string BuiltHost()
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("repository root not found");
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(root.FullName, "src", "Jobman.Cli", "bin", tfm.Parent!.Name, tfm.Name, "jobman.dll");
    }

    /// <summary>Runs a program; stdout and stderr together, so a shell's complaint shows in the assertion.</summary>
    private async Task<(int Code, string Output)> RunAsync(string program, string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
