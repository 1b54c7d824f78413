using Jobman.Core.Files;

namespace Jobman.Plugins.History.Journal;

/// <summary>
/// Whether the last recording had nothing to write (every job it was shown had ended and was recorded as it is),
/// kept as an empty file beside the journal (<c>history.db.quiet</c>). While it is set, a command does not load SQLite
/// ahead of its sightings: on a machine whose cores are busy, preparing SQLite while the lists were in flight
/// slowed a list of ended jobs, which then wrote nothing, by ~15 ms (bench/RESULTS.md, issue 14). A stale mark only
/// costs the next write a cold start of SQLite; that write clears it.
/// </summary>
internal sealed class QuietJournalMark(JournalLocation location)
{
    private string FilePath => location.DatabaseFile + ".quiet";

    public bool IsSet => File.Exists(FilePath);

    /// <summary>Sets the mark; never fails the caller.</summary>
    public void Set()
    {
        try
        {
            if (!File.Exists(FilePath) && Directory.Exists(location.Folder))
            {
                PrivateFiles.WriteAllText(FilePath, string.Empty);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only a hint: without it the next command prepares SQLite.
        }
    }

    /// <summary>Clears the mark; never fails the caller.</summary>
    public void Clear()
    {
        try
        {
            File.Delete(FilePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stale mark only costs one cold start of SQLite.
        }
    }
}
