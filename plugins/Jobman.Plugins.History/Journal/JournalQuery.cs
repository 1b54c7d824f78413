using Microsoft.Data.Sqlite;

namespace Jobman.Plugins.History.Journal;

/// <summary>Reads journal entries for <c>jobman history</c> and for shell completion.</summary>
internal static class JournalQuery
{
    private const string Columns = """
        name, namespace, cluster, context, uid, image, digest, flavor, resources, gpus, command,
        submitted, started, ended, status, reason, exit_code, last_seen
        """;

    public static List<string> RecentNames(SqliteConnection connection, int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM jobs GROUP BY name ORDER BY MAX(submitted) DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>Entries submitted at or after <paramref name="since"/>, newest first, filtered by status and flavor (case-insensitive).</summary>
    public static List<JournalEntry> Find(SqliteConnection connection, DateTimeOffset? since, string? status, string? flavor)
    {
        using var command = connection.CreateCommand();
        var where = new List<string>();
        if (since is { } from)
        {
            where.Add("submitted >= $since");
            command.Parameters.AddWithValue("$since", from.ToUnixTimeMilliseconds());
        }

        if (status is not null)
        {
            where.Add("status = $status COLLATE NOCASE");
            command.Parameters.AddWithValue("$status", status);
        }

        if (flavor is not null)
        {
            where.Add("flavor = $flavor COLLATE NOCASE");
            command.Parameters.AddWithValue("$flavor", flavor);
        }

        command.CommandText = $"SELECT {Columns} FROM jobs{(where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)} ORDER BY submitted DESC, id DESC";
        using var reader = command.ExecuteReader();
        var entries = new List<JournalEntry>();
        while (reader.Read())
        {
            entries.Add(new JournalEntry(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                Text(reader, 3),
                Text(reader, 4),
                Text(reader, 5),
                Text(reader, 6),
                Text(reader, 7),
                Text(reader, 8),
                reader.IsDBNull(9) ? null : reader.GetDouble(9),
                Text(reader, 10),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)),
                UnixMilliseconds.Read(reader.GetValue(12)),
                UnixMilliseconds.Read(reader.GetValue(13)),
                Text(reader, 14),
                Text(reader, 15),
                reader.IsDBNull(16) ? null : reader.GetInt32(16),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(17))));
        }

        return entries;
    }

    /// <summary>Deletes entries submitted before <paramref name="before"/> and their kept logs' rows; returns the files those logs used.</summary>
    public static Pruned Prune(SqliteConnection connection, DateTimeOffset before)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var files = new List<string>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT file FROM kept_logs WHERE key IN (SELECT key FROM jobs WHERE submitted < $before)";
            select.Parameters.AddWithValue("$before", before.ToUnixTimeMilliseconds());
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                files.Add(reader.GetString(0));
            }
        }

        using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = """
            DELETE FROM kept_logs WHERE key IN (SELECT key FROM jobs WHERE submitted < $before);
            DELETE FROM jobs WHERE submitted < $before;
            """;
        delete.Parameters.AddWithValue("$before", before.ToUnixTimeMilliseconds());
        delete.ExecuteNonQuery();
        var jobs = (int)JournalDatabase.Scalar(connection, "SELECT changes()", transaction);
        transaction.Commit();
        return new Pruned(jobs, files);
    }

    private static string? Text(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
