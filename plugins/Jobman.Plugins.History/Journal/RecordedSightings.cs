using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Jobman.Core.Files;
using Jobman.Core.History;

namespace Jobman.Plugins.History.Journal;

/// <summary>
/// What the journal last recorded of each ended job, kept beside it (<c>history.db.ended</c>, 0600): a <c>list</c> of
/// jobs that ended earlier, the usual case, then writes nothing and opens no database (measured: loading SQLite and an
/// upsert per job cost a list of 1,000 jobs hundreds of milliseconds). Jobs that have not ended are always recorded,
/// because their <c>last_seen</c> times a running job. The first line names the database file the entries belong to
/// (its creation time): a journal deleted or replaced makes them void.
/// </summary>
internal sealed class RecordedSightings(JournalLocation location)
{
    /// <summary>More entries than this and the file starts over (it is only a shortcut).</summary>
    private const int MaxEntries = 20_000;

    private Dictionary<string, string>? _known;

    private string FilePath => location.DatabaseFile + ".ended";

    /// <summary>The file's entries, read once (a record checks, then remembers).</summary>
    private Dictionary<string, string> Known => _known ??= Load();

    /// <summary>The sightings the journal does not hold yet as they are.</summary>
    public IReadOnlyList<JobSighting> NotYetRecorded(IReadOnlyList<JobSighting> sightings)
    {
        var known = Known;
        if (known.Count == 0)
        {
            return sightings;
        }

        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        return sightings.Where(s => s.Ended is null || known.GetValueOrDefault(JournalKey.Of(s)) != Fingerprint(s, sha256)).ToList();
    }

    /// <summary>Notes the ended ones among <paramref name="written"/>, just recorded; never fails the caller.</summary>
    public void Remember(IReadOnlyList<JobSighting> written)
    {
        var ended = written.Where(s => s.Ended is not null).ToList();
        if (ended.Count == 0)
        {
            return;
        }

        try
        {
            var known = Known;
            if (known.Count + ended.Count > MaxEntries)
            {
                known.Clear();
            }

            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var sighting in ended)
            {
                known[JournalKey.Of(sighting)] = Fingerprint(sighting, sha256);
            }

            var text = new StringBuilder(DatabaseIdentity()).Append('\n');
            foreach (var (key, fingerprint) in known)
            {
                text.Append(key).Append('\t').Append(fingerprint).Append('\n');
            }

            PrivateFiles.WriteAllText(FilePath, text.ToString());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only a shortcut: without it the next list records again.
        }
    }

    /// <summary>Forgets everything (after entries were deleted from the journal).</summary>
    public void Forget()
    {
        try
        {
            File.Delete(FilePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stale shortcut only skips rewriting what is already there; pruned jobs the cluster still has are
            // re-recorded once their sighting changes.
        }
    }

    private Dictionary<string, string> Load()
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            if (!File.Exists(location.DatabaseFile) || !File.Exists(FilePath))
            {
                return known;
            }

            using var reader = new StreamReader(FilePath, Encoding.UTF8);
            if (reader.ReadLine() != DatabaseIdentity())
            {
                return known;
            }

            while (reader.ReadLine() is { } line)
            {
                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                if (tab > 0)
                {
                    known[line[..tab]] = line[(tab + 1)..];
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            known.Clear();
        }

        return known;
    }

    private string DatabaseIdentity() =>
        "db " + File.GetCreationTimeUtc(location.DatabaseFile).Ticks.ToString(CultureInfo.InvariantCulture);

    /// <summary>Everything the sighting would write (a record's text lists all its values).</summary>
    /// <remarks>
    /// One hash object for all sightings: SHA256.HashData set up and freed an OpenSSL digest per call (~3.5 us, 3.5 ms
    /// of a 1,000-job list). The fingerprint is the same.
    /// </remarks>
    private static string Fingerprint(JobSighting sighting, IncrementalHash sha256)
    {
        sha256.AppendData(Encoding.UTF8.GetBytes(sighting.ToString()));
        Span<byte> hash = stackalloc byte[32];
        sha256.GetHashAndReset(hash);
        return Convert.ToHexString(hash[..12]);
    }
}
