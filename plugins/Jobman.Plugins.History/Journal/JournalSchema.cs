using Microsoft.Data.Sqlite;

namespace Jobman.Plugins.History.Journal;

/// <summary>
/// The journal's tables. The format version is SQLite's <c>user_version</c>: 0 is a new file (tables are created),
/// <see cref="Version"/> is this jobman's; a higher one was written by a newer jobman, whose format this one must
/// neither read wrongly nor change, so the journal is left alone.
/// </summary>
internal static class JournalSchema
{
    public const int Version = 1;

    private const string Tables = """
        CREATE TABLE IF NOT EXISTS jobs (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            uid TEXT,
            cluster TEXT NOT NULL,
            context TEXT,
            namespace TEXT NOT NULL,
            name TEXT NOT NULL,
            image TEXT,
            digest TEXT,
            flavor TEXT,
            resources TEXT,
            gpus REAL,
            command TEXT,
            submitted INTEGER NOT NULL,
            started INTEGER,
            ended INTEGER,
            status TEXT,
            reason TEXT,
            exit_code INTEGER,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS jobs_by_submitted ON jobs (submitted);
        CREATE INDEX IF NOT EXISTS jobs_by_name ON jobs (cluster, namespace, name, submitted);
        CREATE TABLE IF NOT EXISTS kept_logs (
            key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            pod TEXT NOT NULL,
            file TEXT NOT NULL,
            streamed_bytes INTEGER NOT NULL,
            whole INTEGER NOT NULL,
            written INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS kept_logs_by_written ON kept_logs (written);
        """;

    /// <summary>Creates the tables of a new journal; refuses a newer one.</summary>
    public static void Prepare(SqliteConnection connection, JournalLocation location)
    {
        var version = JournalDatabase.Scalar(connection, "PRAGMA user_version");
        if (version == Version)
        {
            return;
        }

        if (version > Version)
        {
            throw NewerFormat(location, version);
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        // Another process may have created the tables while this one waited for the lock: look again inside it.
        version = JournalDatabase.Scalar(connection, "PRAGMA user_version", transaction);
        if (version == 0)
        {
            JournalDatabase.Execute(connection, Tables + $"PRAGMA user_version = {Version};", transaction);
        }
        else if (version > Version)
        {
            throw NewerFormat(location, version);
        }

        transaction.Commit();
    }

    private static JournalUnusableException NewerFormat(JournalLocation location, long version) =>
        new($"job journal {location.ShownDatabaseFile} was written by a newer jobman (format {version}; this one knows {Version}); update jobman to use it");
}
