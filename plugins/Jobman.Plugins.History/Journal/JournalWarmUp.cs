using Jobman.Core.Settings;
using Microsoft.Data.Sqlite;

namespace Jobman.Plugins.History.Journal;

/// <summary>
/// Prepares, on another core while a command waits for the cluster, what recording its sightings needs first: the
/// history section's reader, SQLite's native library and its connection-string parser (~15-20 ms of a cold process
/// after the lists otherwise; bench/RESULTS.md, issue 14), the latter only when the last recording wrote something
/// (<see cref="QuietJournalMark"/>). Writes no file. Does nothing on a single core.
/// </summary>
internal static class JournalWarmUp
{
    private static int _started;

    /// <summary>Starts once per process; never throws, never waits.</summary>
    public static void Start(JobmanSettings settings, JournalLocation location)
    {
        if (Environment.ProcessorCount < 2 || Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        _ = Task.Run(() => Prepare(settings, location));
    }

    /// <summary>The warm-up itself, on the calling thread.</summary>
    /// <returns>Whether SQLite was prepared.</returns>
    internal static bool Prepare(JobmanSettings settings, JournalLocation location)
    {
        try
        {
            if (HistorySettings.From(settings) is { Journal: true } && !new QuietJournalMark(location).IsSet)
            {
                // Built, never opened: the connection's static set-up loads the native library.
                using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = ":memory:", Pooling = false }.ToString());
                return true;
            }
        }
        catch (Exception)
        {
            // Only a warm-up: recording reports any problem itself.
        }

        return false;
    }
}
