namespace Jobman.Plugins.History.Tests;

/// <summary>
/// A list of jobs that ended earlier writes nothing to the journal (the shortcut beside it says so), yet nothing a
/// list sees is lost: changes, running jobs and a deleted or pruned journal are recorded again.
/// </summary>
public sealed class RecordedSightingsTests : HistoryClusterTest
{
    private string Shortcut => JournalFile + ".ended";

    [Test]
    public async Task Listing_ended_jobs_again_leaves_the_journal_file_untouched()
    {
        await RunOk("submit", "-i", "busybox", "-j", "done-1", "--wait", "--", "true");
        await RunOk("list");
        File.Exists(Shortcut).Should().BeTrue();
        File.ReadAllText(Shortcut).Should().Contain("\t");
        var written = File.GetLastWriteTimeUtc(JournalFile);
        var lastSeen = (string?)(await HistoryJobsAsync()).Single()!["lastSeen"];

        await RunOk("list");
        await RunOk("list");

        File.GetLastWriteTimeUtc(JournalFile).Should().Be(written, "nothing changed, nothing written");
        ((string?)(await HistoryJobsAsync()).Single()!["lastSeen"]).Should().Be(lastSeen);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(Shortcut).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Test]
    public async Task A_list_that_writes_nothing_marks_the_journal_quiet_until_the_next_write()
    {
        var quiet = JournalFile + ".quiet";
        await RunOk("submit", "-i", "busybox", "-j", "done-1", "--wait", "--", "true");
        await RunOk("list");
        File.Exists(quiet).Should().BeFalse("that list recorded the job's end");

        await RunOk("list");
        File.Exists(quiet).Should().BeTrue("every job listed had ended and was recorded as it is");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(quiet).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await RunOk("submit", "-i", "busybox", "-j", "done-2", "--", "true");
        File.Exists(quiet).Should().BeFalse("the submission was written");
        (await HistoryJobsAsync()).Select(j => (string)j!["name"]!).Should().BeEquivalentTo(["done-1", "done-2"]);
    }

    [Test]
    public async Task A_deleted_journal_is_filled_again_by_the_next_list()
    {
        await RunOk("submit", "-i", "busybox", "-j", "done-1", "--wait", "--", "true");
        await RunOk("list");
        File.Delete(JournalFile);

        await RunOk("list");

        (await HistoryJobsAsync()).Select(j => (string)j!["name"]!).Should().Equal("done-1");
    }

    [Test]
    public async Task A_journal_replaced_by_another_one_voids_the_shortcut()
    {
        await RunOk("submit", "-i", "busybox", "-j", "done-1", "--wait", "--", "true");
        await RunOk("list");
        var shortcut = File.ReadAllText(Shortcut);
        File.Delete(JournalFile);
        // A new journal holding another job; the old shortcut comes back (e.g. restored from a backup).
        await RunOk("submit", "-i", "busybox", "-j", "other", "--wait", "--", "true");
        File.WriteAllText(Shortcut, shortcut);

        await RunOk("list");

        (await HistoryJobsAsync()).Select(j => (string)j!["name"]!).Should().Contain("done-1");
    }
}
