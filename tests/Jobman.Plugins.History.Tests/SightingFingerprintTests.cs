using Jobman.Core.Hosting;
using Jobman.Core.History;
using Jobman.Plugins.History.Journal;

namespace Jobman.Plugins.History.Tests;

/// <summary>The shortcut beside the journal notices any change to an ended job's record.</summary>
public sealed class SightingFingerprintTests
{
    private static readonly DateTimeOffset Ended = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private string _home = null!;

    [SetUp]
    public void SetUp()
    {
        _home = Directory.CreateTempSubdirectory("jobman-fingerprint-").FullName;
        Directory.CreateDirectory(Path.Combine(_home, ".jobman"));
        // The entries belong to a journal: without its file they are void.
        File.WriteAllBytes(Path.Combine(_home, ".jobman", "history.db"), []);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_home, recursive: true);

    [Test]
    public void An_ended_job_is_recorded_again_only_when_its_record_changed()
    {
        var done = Sighting();
        Recorded().Remember([done]);

        Recorded().NotYetRecorded([done]).Should().BeEmpty();
        Recorded().NotYetRecorded([done with { Reason = "DeadlineExceeded" }]).Should().ContainSingle();
        Recorded().NotYetRecorded([done with { Ended = Ended.AddSeconds(1) }]).Should().ContainSingle();
        Recorded().NotYetRecorded([done with { ExitCode = 1 }]).Should().ContainSingle();
    }

    [Test]
    public void Fingerprints_are_those_earlier_versions_wrote()
    {
        var done = Sighting();

        Recorded().Remember([done]);

        // The first 12 bytes of SHA-256 over the record's text, in hex: shortcut files written before stay valid.
        var expected = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(done.ToString())), 0, 12);
        File.ReadAllLines(Path.Combine(_home, ".jobman", "history.db.ended")).Skip(1).Should().ContainSingle()
            .Which.Should().EndWith("\t" + expected);
    }

    private RecordedSightings Recorded() => new(new JournalLocation(new JobmanEnvironment(_home, _ => null)));

    private static JobSighting Sighting() => new("https://cluster", "team", "done-1")
    {
        Uid = "u1",
        Status = "Succeeded",
        Reason = string.Empty,
        Ended = Ended,
        ExitCode = 0,
    };
}
