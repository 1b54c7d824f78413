using System.Text;
using System.Text.RegularExpressions;

namespace Jobman.Packaging.Tests;

/// <summary>
/// Acceptance of issue #19: a newcomer with no settings of their own runs every command of the README's command
/// table inside <c>jobman sandbox -- ...</c> (one session, the installed tool) and each one works: the registry,
/// the queue with positions, cluster flavors and the job lifecycle. The session's transcript is attached to the test
/// result (sandbox-session.txt); the README's sandbox section shows it.
/// </summary>
[NonParallelizable]
public class SandboxSessionTests
{
    /// <summary>The session: each command, the exit code it must return, and what its output must show.</summary>
    private static readonly Step[] Steps =
    [
        new(["plugins"], 0, @"Jobman\.Plugins\.Sandbox +\S+ +loaded +sandbox"),
        new(["images"], 0, @"(?m)^busybox +latest +1\.36\n(.*\n)*^pytorch/pytorch +latest +2\.5\.1-cuda12\.4$"),
        new(["image-details", "-i", "busybox"], 0, @"(?s)BusyBox.*Swiss Army knife.*1\.36 +sha256:[0-9a-f]{64}"),
        new(["resources-flavors"], 0, @"(?m)^tiny-cpu +cluster +500m / 500m(.*\n)*^large-gpu +cluster(.*\n)*^no-gpu \(default\) +settings"),
        new(["submit", "-i", "busybox", "-r", "tiny-cpu", "-j", "hello", "--", "echo", "hello from the sandbox"], 0, @"^job 'hello' created in namespace 'sandbox'\n$"),
        new(["wait", "-j", "hello", "--timeout", "2m"], 0, @"^job 'hello' succeeded\n$"),
        new(["logs", "-j", "hello"], 0, @"^hello from the sandbox\n$"),
        new(["submit", "-i", "python:3.12", "-j", "sleeper", "--", "sleep", "120"], 0, @"^job 'sleeper' created"),
        new(["submit", "-i", "pytorch/pytorch", "-r", "large-gpu", "-j", "train-a", "--", "python", "train.py"], 0, @"^job 'train-a' created"),
        new(["submit", "-i", "pytorch/pytorch", "-r", "large-gpu", "-j", "train-b", "--", "python", "train.py"], 0, @"^job 'train-b' created"),
        new(["queue", "publish"], 1, @"^error: .*User ""me"" cannot list resource ""jobs"" in API group ""batch"" at the cluster scope\n$", OnStderr: true),
        new(["queue", "publish", "--context", "jobman-sandbox-publisher"], 0, @"^updated ConfigMap jobman-queue/jobman-queue-position: 3 active jobs \(2 pending, "),
        new(["queue"], 0, @"(?m)^FLAVOR +CPU/MEMORY/GPU +PENDING +RUNNING +TOTAL +MINE +MY POSITIONS\n(.*\n)*^large-gpu +16/64Gi/2 +2 +0 +2 +2 +1, 2$"),
        new(["list"], 0, @"(?m)^train-b +Pending +Unschedulable +large-gpu (.*\n)*^hello +Succeeded +- +tiny-cpu "),
        new(["details", "-j", "train-a"], 0, @"(?s)Status: +Pending \(Unschedulable.*FailedScheduling +pod/train-a-\S+ +0/1 nodes are available: 1 Insufficient nvidia\.com/gpu"),
        new(["details", "-j", "hello"], 0, @"(?s)Status: +Succeeded\n.*Events:\n.*SuccessfulCreate +job/hello.*Started +pod/hello-.*Completed +job/hello"),
        new(["logs", "-j", "hello", "-f"], 0, @"^hello from the sandbox\n$"),
        new(["delete", "-j", "sleeper"], 0, @"^job 'sleeper' deleted from namespace 'sandbox'\n$"),
        new(["delete", "--all", "--yes"], 0, @"(?m)^job 'hello' deleted\n(.*\n)*^job 'train-b' deleted\n"),
        new(["list"], 0, @"^no jobman jobs in namespace 'sandbox'\n$"),
        new(["completion", "bash"], 0, @"(?m)^complete -o default -F _jobman_complete jobman$"),
    ];

    private InstalledTool _tool = null!;
    private string _home = null!;

    [OneTimeSetUp]
    public async Task Install() => _tool = await InstalledTool.GetAsync();

    [SetUp]
    public void NewHome() => _home = Directory.CreateTempSubdirectory("jobman-sandbox-session-").FullName;

    [TearDown]
    public void RemoveHome() => Directory.Delete(_home, recursive: true);

    [Test]
    public async Task Every_command_of_the_readme_works_in_a_sandbox_session_without_user_settings()
    {
        var results = Path.Combine(_home, "session");
        Directory.CreateDirectory(results);
        var script = Path.Combine(_home, "session.sh");
        await File.WriteAllTextAsync(script, Script(results));

        var sandbox = await _tool.RunInAsync(_home, TimeSpan.FromMinutes(5), "sandbox", "--", "sh", script);

        var transcript = Transcript(results);
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "sandbox-session.txt");
        await File.WriteAllTextAsync(file, transcript);
        TestContext.AddTestAttachment(file, "the session, as shown in the README");
        sandbox.ExitCode.Should().Be(0, sandbox.Stderr);
        sandbox.Stderr.Should().Contain("settings (").And.Contain("sandbox Harbor registry at https://127.0.0.1:");
        // The settings print as the indented JSON file they are, one line each, not as one escaped line.
        sandbox.Stderr.Should().MatchRegex("(?m)^  \"imageRegistry\": \"harbor\"$").And.NotContain("{\\n");
        File.Exists(Path.Combine(_home, ".jobman", "settings.json")).Should().BeFalse("the sandbox writes its settings beside its kubeconfig only");
        for (var i = 0; i < Steps.Length; i++)
        {
            var step = Steps[i];
            var stem = Path.Combine(results, (i + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture));
            var exit = int.Parse(File.ReadAllText(stem + ".rc").Trim(), System.Globalization.CultureInfo.InvariantCulture);
            var stdout = File.ReadAllText(stem + ".out");
            var stderr = File.ReadAllText(stem + ".err");
            var because = $"jobman {string.Join(' ', step.Args)}\n--- stdout ---\n{stdout}--- stderr ---\n{stderr}";
            exit.Should().Be(step.ExitCode, because);
            (step.OnStderr ? stderr : stdout).Should().MatchRegex(step.Output, because);
        }

        SecretFilesArePrivate();
    }

    private void SecretFilesArePrivate()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Path.Combine(_home, ".jobman", "sandbox");
        File.GetUnixFileMode(folder).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var name in new[] { "kubeconfig", "harbor-credentials.json", "settings.json" })
        {
            File.GetUnixFileMode(Path.Combine(folder, name)).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, name);
        }
    }

    /// <summary>A POSIX shell script running each step with stdin closed, recording its outputs and exit code.</summary>
    private string Script(string results)
    {
        var text = new StringBuilder();
        text.Append("n=0\nstep() {\n  n=$((n+1)); f=\"").Append(results).Append("/$(printf %02d $n)\"\n");
        text.Append("  \"").Append(_tool.JobmanPath).Append("\" \"$@\" > \"$f.out\" 2> \"$f.err\" < /dev/null\n  echo $? > \"$f.rc\"\n}\n");
        foreach (var step in Steps)
        {
            text.Append("step");
            foreach (var arg in step.Args)
            {
                text.Append(" '").Append(arg.Replace("'", "'\\''", StringComparison.Ordinal)).Append('\'');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The session as a reader sees it: each command, its stdout, then its stderr lines marked.</summary>
    private static string Transcript(string results)
    {
        var text = new StringBuilder();
        for (var i = 0; i < Steps.Length; i++)
        {
            var stem = Path.Combine(results, (i + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture));
            if (!File.Exists(stem + ".rc"))
            {
                break;
            }

            text.Append("$ jobman ").AppendJoin(' ', Steps[i].Args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a)).Append('\n');
            text.Append(File.ReadAllText(stem + ".out"));
            foreach (var line in File.ReadAllLines(stem + ".err"))
            {
                text.Append(line).Append("   (stderr)\n");
            }

            if (File.ReadAllText(stem + ".rc").Trim() is var rc && rc != "0")
            {
                text.Append("(exit ").Append(rc).Append(")\n");
            }

            text.Append('\n');
        }

        return Regex.Replace(text.ToString(), "\n{3,}", "\n\n");
    }

    private sealed record Step(string[] Args, int ExitCode, string Output, bool OnStderr = false);
}
