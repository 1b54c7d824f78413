using System.Diagnostics;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Plugins.KubernetesJobs.Tests.Hostile;

/// <summary>
/// Issue #11 item 4 with real pipes: the built jobman runs under /bin/sh with <c>| head -1</c> and must end quietly
/// with exit code 0 once head has gone, also while it has nothing to write (a quiet watch).
/// </summary>
public class ClosedPipeTests
{
    private const string Ns = "team-a";
    private KubernetesApiServer _cluster = null!;
    private string _folder = null!;
    private string _kubeconfig = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _cluster = await KubernetesApiServer.StartAsync();
        _folder = Directory.CreateTempSubdirectory("jobman-pipes-").FullName;
        _kubeconfig = _cluster.WriteKubeconfig(Path.Combine(_folder, "kubeconfig"), _cluster.AddUser("alice", Ns), Ns);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Logs_of_a_huge_log_stop_when_head_has_its_line()
    {
        await SubmitAsync("huge", "seq 1 3000000");
        await PipeAsync("wait -j huge", lines: 1);
        var (rc, stdout, stderr) = await PipeAsync("logs -j huge", lines: 1);
        rc.Should().Be(0, stderr);
        stdout.Should().Be("1\n");
        stderr.Should().BeEmpty();
    }

    [Test]
    public async Task Logs_follow_of_an_endless_job_stops_when_head_has_its_line()
    {
        await SubmitAsync("endless", "while true; do echo tick; sleep 0.05; done");
        var (rc, stdout, stderr) = await PipeAsync("logs -j endless -f", lines: 1);
        rc.Should().Be(0, stderr);
        stdout.Should().Be("tick\n");
        stderr.Should().BeEmpty();
    }

    [Test]
    public async Task List_watch_stops_when_head_has_gone_even_while_nothing_changes()
    {
        await SubmitAsync("quiet", "sleep 600");
        var (rc, stdout, stderr) = await PipeAsync("list --watch", lines: 1);
        rc.Should().Be(0, stderr);
        stdout.Should().StartWith("NAME");
        stderr.Should().BeEmpty();
    }

    [Test]
    public async Task Logs_pass_invalid_utf8_through_byte_for_byte()
    {
        await SubmitAsync("binary", "printf \"ok \\377\\376 caf\\303\\251\\n\"");
        await PipeAsync("wait -j binary", lines: 1);

        var (rc, stdout, stderr) = await PipeAsync("logs -j binary", lines: 5, through: "od -An -tx1");

        rc.Should().Be(0, stderr);
        string.Join(" ", stdout.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)).Should().Be("6f 6b 20 ff fe 20 63 61 66 c3 a9 0a");
    }

    private async Task SubmitAsync(string name, string script)
    {
        var (rc, _, stderr) = await PipeAsync($"submit -i busybox -j {name} -- sh -c '{script}'", lines: 5);
        rc.Should().Be(0, stderr);
    }

    /// <summary>Runs <c>jobman ARGS | head -n LINES</c> in /bin/sh; jobman's own exit code comes back through a file.</summary>
    private async Task<(int ExitCode, string Stdout, string Stderr)> PipeAsync(string args, int lines, string? through = null)
    {
        var host = FindHostOutput();
        var rcFile = Path.Combine(_folder, "rc");
        File.Delete(rcFile);
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"{{ dotnet \"{Path.Combine(host, "jobman.dll")}\" {args}; echo $? > \"{rcFile}\"; }} | {(through is null ? string.Empty : through + " | ")}head -n {lines}");
        info.Environment["KUBECONFIG"] = _kubeconfig;
        info.Environment["HOME"] = _folder;
        info.Environment["JOBMAN_PLUGIN_CACHE"] = "off";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'jobman {args} | head -n {lines}' still ran after 60 s");
        }

        return (int.Parse(File.ReadAllText(rcFile).Trim(), System.Globalization.CultureInfo.InvariantCulture), await stdout, await stderr);
    }

    /// <summary>The host's build output with the bundled plugins: skipped when missing, failed under CI.</summary>
    private static string FindHostOutput() => Jobman.Testing.Prerequisites.Prerequisite.HostOutput("Jobman.Plugins.KubernetesJobs");
}
