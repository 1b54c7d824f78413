using System.Globalization;
using Jobman.Core.Files;
using Microsoft.Data.Sqlite;

namespace Jobman.Plugins.History.Journal;

/// <summary>
/// Opens <c>~/.jobman/history.db</c>: created 0600 in a 0700 folder before SQLite touches it (SQLite gives its WAL and
/// shared-memory files the database file's mode), in WAL mode so that readers never wait for a writer and concurrent
/// jobman processes queue for the write lock instead of failing. Every problem becomes a
/// <see cref="JournalUnusableException"/> with one line saying what and what to do.
/// </summary>
internal static class JournalDatabase
{
    /// <summary>How long a write waits for another jobman process holding the lock.</summary>
    private const int BusyTimeoutSeconds = 15;

    private static readonly UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Opens the journal, creating it when <paramref name="create"/>; null when it does not exist and is not to be created.</summary>
    public static SqliteConnection? Open(JournalLocation location, bool create)
    {
        var file = location.DatabaseFile;
        try
        {
            if (!File.Exists(file))
            {
                if (!create)
                {
                    return null;
                }

                CreatePrivateFile(location);
            }

            var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = file,
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
                DefaultTimeout = BusyTimeoutSeconds,
            }.ToString());
            try
            {
                connection.Open();
                Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
                JournalSchema.Prepare(connection, location);
                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
        catch (SqliteException ex)
        {
            throw Unusable(location, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new JournalUnusableException($"job journal {location.ShownDatabaseFile} cannot be opened: {ex.Message}", ex);
        }
    }

    public static JournalUnusableException Unusable(JournalLocation location, SqliteException ex) =>
        ex.SqliteErrorCode switch
        {
            // SQLITE_CORRUPT, SQLITE_NOTADB: a damaged or foreign file, which only a new journal can fix.
            11 or 26 => new JournalUnusableException(
                $"job journal {location.ShownDatabaseFile} is damaged ({ex.Message.Split('\'').ElementAtOrDefault(1) ?? "not a database"}); move it away and jobman starts a new one", ex),
            // SQLITE_BUSY after the timeout: another jobman holds the write lock far longer than any write takes.
            5 => new JournalUnusableException($"job journal {location.ShownDatabaseFile} is locked by another process", ex),
            _ => new JournalUnusableException($"job journal {location.ShownDatabaseFile} cannot be used: {ex.Message.Split('\n')[0]}", ex),
        };

    public static int Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteNonQuery();
    }

    public static long Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    private static void CreatePrivateFile(JournalLocation location)
    {
        PrivateFiles.CreateFolder(location.Folder, tightenExisting: true);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFile;
        }

        try
        {
            using var stream = new FileStream(location.DatabaseFile, options);
        }
        catch (IOException) when (File.Exists(location.DatabaseFile))
        {
            // Another jobman process created it first: the same empty, private file.
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            // The umask applies to the create mode: set it again explicitly.
            File.SetUnixFileMode(location.DatabaseFile, PrivateFile);
        }
    }
}
