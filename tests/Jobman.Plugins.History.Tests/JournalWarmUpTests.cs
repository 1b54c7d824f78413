using System.Text.Json.Nodes;
using Jobman.Core.Hosting;
using Jobman.Core.Settings;
using Jobman.Plugins.History.Journal;

namespace Jobman.Plugins.History.Tests;

public class JournalWarmUpTests
{
    [TestCase("""{ "history": { "journal": true } }""")]
    [TestCase("""{ "history": { "journal": false } }""")]
    [TestCase("""{ "history": "not an object" }""")]
    public void Preparing_the_journal_creates_no_file_and_never_throws(string json)
    {
        var home = Directory.CreateTempSubdirectory("jobman-warm-up-").FullName;
        var before = Directory.GetFileSystemEntries(Directory.GetCurrentDirectory());
        var settings = new JobmanSettings(JsonNode.Parse(json)!.AsObject(), []);

        JournalWarmUp.Prepare(settings, new JournalLocation(new JobmanEnvironment(home, _ => null)));

        Directory.GetFileSystemEntries(Directory.GetCurrentDirectory()).Should().BeEquivalentTo(before);
        File.Exists(":memory:").Should().BeFalse();
        Directory.GetFileSystemEntries(home).Should().BeEmpty();
        Directory.Delete(home);
    }

    [Test]
    public void SQLite_is_prepared_unless_the_last_recording_wrote_nothing()
    {
        var home = Directory.CreateTempSubdirectory("jobman-warm-up-").FullName;
        var location = new JournalLocation(new JobmanEnvironment(home, _ => null));
        var settings = new JobmanSettings(new JsonObject(), []);
        Directory.CreateDirectory(location.Folder);

        JournalWarmUp.Prepare(settings, location).Should().BeTrue("no recording has said it was quiet");
        new QuietJournalMark(location).Set();
        JournalWarmUp.Prepare(settings, location).Should().BeFalse("the last recording wrote nothing");
        new QuietJournalMark(location).Clear();
        JournalWarmUp.Prepare(settings, location).Should().BeTrue();

        Directory.Delete(home, recursive: true);
    }
}
