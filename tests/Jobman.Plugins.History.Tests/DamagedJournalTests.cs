using Microsoft.Data.Sqlite;

namespace Jobman.Plugins.History.Tests;

/// <summary>A damaged or newer journal is one warning line for the job commands (which carry on) and one error for history.</summary>
public sealed class DamagedJournalTests : HistoryClusterTest
{
    [Test]
    public async Task A_damaged_journal_warns_once_and_never_blocks_other_commands()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(JournalFile)!);
        await File.WriteAllTextAsync(JournalFile, new string('x', 8192));

        var submit = await Run("submit", "-i", "busybox", "-j", "carry-on", "--follow", "--", "echo", "still works");
        submit.ExitCode.Should().Be(0, submit.ToString());
        submit.Stdout.Should().Contain("still works");
        var warnings = submit.Stderr.Split('\n').Where(l => l.Contains("journal", StringComparison.Ordinal)).ToList();
        warnings.Should().Equal("warning: job journal ~/.jobman/history.db is damaged (file is not a database); move it away and jobman starts a new one (not recorded)");

        var list = await Run("list");
        list.ExitCode.Should().Be(0, list.ToString());
        list.Stdout.Should().Contain("carry-on");

        var history = await Run("history");
        history.ExitCode.Should().Be(1);
        history.Stdout.Should().BeEmpty();
        history.Stderr.Should().Be("error: job journal ~/.jobman/history.db is damaged (file is not a database); move it away and jobman starts a new one\n");

        File.Move(JournalFile, JournalFile + ".broken");
        await RunOk("list");
        (await HistoryJobsAsync()).Select(j => (string)j!["name"]!).Should().Equal("carry-on");
    }

    /// <summary>The journal is written while the table is printed: its warning must never land inside a result.</summary>
    [TestCase("table")]
    [TestCase("json")]
    public async Task A_damaged_journal_warns_after_a_long_list_not_inside_it(string format)
    {
        const int count = 300;
        for (var i = 0; i < count; i++)
        {
            Cluster.Store.PutJob(Ns, System.Text.Json.Nodes.JsonNode.Parse("""
                {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"@NAME@","labels":{"app.kubernetes.io/managed-by":"jobman"}},
                 "spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"main","image":"busybox"}]}}},
                 "status":{"active":1,"startTime":"2026-01-01T00:00:00Z"}}
                """.Replace("@NAME@", $"many-{i:D3}", StringComparison.Ordinal))!.AsObject());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(JournalFile)!);
        await File.WriteAllTextAsync(JournalFile, new string('x', 8192));

        var list = await Run("list", "-o", format);

        list.ExitCode.Should().Be(0, list.ToString());
        list.Stderr.Should().Be("warning: job journal ~/.jobman/history.db is damaged (file is not a database); move it away and jobman starts a new one (not recorded)\n");
        var names = format == "json"
            ? System.Text.Json.Nodes.JsonNode.Parse(list.Stdout)!.AsArray().Select(j => (string)j!["name"]!).ToList()
            : list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(' ')[0]).ToList();
        names.Should().BeEquivalentTo(Enumerable.Range(0, count).Select(i => $"many-{i:D3}"), "every row is whole");
        if (format == "table")
        {
            list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(count + 1).And.AllSatisfy(l => l.Should().MatchRegex("^(NAME|many-\\d{3}) +"));
        }
    }

    [Test]
    public async Task A_journal_of_a_newer_jobman_is_left_alone()
    {
        await RunOk("submit", "-i", "busybox", "-j", "first", "--wait", "--", "true");
        using (var connection = new SqliteConnection($"Data Source={JournalFile};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 7";
            command.ExecuteNonQuery();
        }

        var before = await File.ReadAllBytesAsync(JournalFile);
        var list = await Run("list");
        list.ExitCode.Should().Be(0, list.ToString());
        list.Stderr.Should().Be("warning: job journal ~/.jobman/history.db was written by a newer jobman (format 7; this one knows 1); update jobman to use it (not recorded)\n");

        var history = await Run("history");
        history.ExitCode.Should().Be(1);
        history.Stderr.Should().Be("error: job journal ~/.jobman/history.db was written by a newer jobman (format 7; this one knows 1); update jobman to use it\n");
        (await File.ReadAllBytesAsync(JournalFile)).Should().Equal(before, "an older jobman never writes a newer journal");
    }
}
