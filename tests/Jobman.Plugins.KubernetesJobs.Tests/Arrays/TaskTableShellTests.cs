using System.Diagnostics;
using System.Text;
using Jobman.Core;
using Jobman.Plugins.KubernetesJobs.Arrays;

namespace Jobman.Plugins.KubernetesJobs.Tests.Arrays;

/// <summary>
/// The task table is read by a real <c>/bin/sh</c> through the real wrapper: each hostile value must reach the
/// process byte for byte, and none may run anything.
/// </summary>
public class TaskTableShellTests
{
    private static readonly string[] HostileValues =
    [
        "$(touch CANARY)",
        "`touch CANARY`",
        "it's",
        "'; touch CANARY; '",
        "\"quoted\" \\backslash\\",
        "two\nlines\n",
        "*",
        "  spaced  ",
        "${HOME}",
        "ünïcødé ✓",
        string.Empty,
        "-n",
    ];

    private string _dir = null!;

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("jobman-table-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Each_index_sees_its_row_verbatim_and_nothing_is_executed()
    {
        var csv = new StringBuilder("value,other\n");
        foreach (var value in HostileValues)
        {
            csv.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\",plain\n");
        }

        var sweepPath = Path.Combine(_dir, "hostile.csv");
        File.WriteAllText(sweepPath, csv.ToString());
        var sweep = SweepTable.Load(sweepPath);
        var array = ArraySpec.Parse("%2", sweep.Rows.Count);
        var table = TaskTable.Build(array, sweep);
        var mount = Directory.CreateDirectory(Path.Combine(_dir, "mount")).FullName;
        foreach (var (key, text) in table)
        {
            File.WriteAllText(Path.Combine(mount, key), text);
        }

        for (var index = 0; index < HostileValues.Length; index++)
        {
            var env = RunWrapped(mount, index);
            env.Should().Contain(KeyValuePair.Create("value", HostileValues[index]), $"row {index}");
            env.Should().Contain(KeyValuePair.Create("other", "plain"));
            env.Should().Contain(KeyValuePair.Create(ArrayKeys.TaskIdVariable, index.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        File.Exists(Path.Combine(_dir, "CANARY")).Should().BeFalse("no value may run a command");
    }

    [Test]
    public void Sparse_task_ids_reach_each_index_without_a_sweep()
    {
        var table = TaskTable.Build(ArraySpec.Parse("3,7,11"), sweep: null);
        table.Keys.Should().BeEquivalentTo("0.env", "1.env", "2.env");
        var mount = Directory.CreateDirectory(Path.Combine(_dir, "m")).FullName;
        foreach (var (key, text) in table)
        {
            File.WriteAllText(Path.Combine(mount, key), text);
        }

        RunWrapped(mount, 2).Should().Contain(KeyValuePair.Create(ArrayKeys.TaskIdVariable, "11"));
    }

    [Test]
    public void A_nul_character_is_refused_before_anything_is_sent()
    {
        var path = Path.Combine(_dir, "nul.yaml");
        File.WriteAllText(path, "- {a: \"x\\0y\"}\n");
        var sweep = SweepTable.Load(path);
        FluentActions.Invoking(() => TaskTable.Build(ArraySpec.Parse("%1", 1), sweep)).Should().Throw<JobmanException>().WithMessage("*NUL*");
    }

    [Test]
    public void A_table_larger_than_a_configmap_is_refused()
    {
        var path = Path.Combine(_dir, "big.csv");
        File.WriteAllText(path, "a\n" + string.Concat(Enumerable.Repeat(new string('x', 2000) + "\n", 600)));
        var sweep = SweepTable.Load(path);
        FluentActions.Invoking(() => TaskTable.Build(ArraySpec.Parse("%1", 600), sweep)).Should().Throw<JobmanException>()
            .Which.ExitCode.Should().Be(ExitCodes.Usage);
    }

    private Dictionary<string, string> RunWrapped(string mount, int index)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = _dir, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", ArrayKeys.WrapperScript, mount, "/usr/bin/env", "-0" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["JOB_COMPLETION_INDEX"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0);
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2))
            .GroupBy(p => p[0])
            .ToDictionary(g => g.Key, g => g.Last()[1]);
    }
}
