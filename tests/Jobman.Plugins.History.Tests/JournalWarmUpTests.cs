using System.Text.Json.Nodes;
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
        var before = Directory.GetFileSystemEntries(Directory.GetCurrentDirectory());
        var settings = new JobmanSettings(JsonNode.Parse(json)!.AsObject(), []);

        JournalWarmUp.Prepare(settings);

        Directory.GetFileSystemEntries(Directory.GetCurrentDirectory()).Should().BeEquivalentTo(before);
        File.Exists(":memory:").Should().BeFalse();
    }
}
