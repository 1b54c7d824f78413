using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Jobman.Core.Files;
using Jobman.Core.History;
using Jobman.Plugins.History.Journal;
using Microsoft.Data.Sqlite;

namespace Jobman.Plugins.History.Logs;

/// <summary>
/// Log copies under <c>~/.jobman/logs/</c> (folder 0700, files 0600), one per job: <c>STEM.N.log</c> segments, of
/// which only the last two are kept (see <see cref="SegmentedLogWriter"/>), described by a <c>kept_logs</c> row of the
/// journal. When all copies together pass <c>history.logMaxMiBTotal</c>, the least recently written ones are deleted.
/// </summary>
internal sealed class KeptLogStore(JournalLocation location)
{
    public IKeptLogWriter Start(SqliteConnection connection, JobSighting job, string pod, HistorySettings settings)
    {
        var key = JournalKey.Of(job);
        var stem = Stem(key);
        PrivateFiles.CreateFolder(location.LogsFolder, tightenExisting: true);
        // A new stream of the same job replaces the copy: it starts from the log's beginning again.
        DeleteSegments(stem);
        Save(connection, key, job.Name, pod, stem, streamed: 0, whole: false);
        return new SegmentedLogWriter(location.LogsFolder, stem, settings.MaxBytesPerJob / 2, (streamed, whole) => Finish(key, job.Name, pod, stem, streamed, whole, settings));
    }

    public KeptLog? Find(SqliteConnection connection, string cluster, string ns, string name, string? uid)
    {
        using var command = connection.CreateCommand();
        command.CommandText = uid is not null
            ? "SELECT name, pod, file, streamed_bytes, whole, written FROM kept_logs WHERE key = $uid"
            : """
              SELECT k.name, k.pod, k.file, k.streamed_bytes, k.whole, k.written FROM kept_logs k JOIN jobs j ON j.key = k.key
              WHERE j.cluster = $cluster AND j.namespace = $ns AND j.name = $name ORDER BY j.submitted DESC LIMIT 1
              """;
        command.Parameters.AddWithValue("$uid", (object?)uid ?? DBNull.Value);
        command.Parameters.AddWithValue("$cluster", cluster);
        command.Parameters.AddWithValue("$ns", ns);
        command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var files = Segments(reader.GetString(2)).Select(s => s.Path).ToList();
        if (files.Count == 0)
        {
            return null;
        }

        var kept = files.Sum(f => new FileInfo(f).Length);
        return new KeptLog(
            reader.GetString(0),
            reader.GetString(1),
            files,
            kept,
            // A copy whose writer was killed never said how much it streamed: at least what it kept.
            Math.Max(kept, reader.GetInt64(3)),
            reader.GetInt64(4) != 0,
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)));
    }

    /// <summary>Deletes the segments of the copies whose files are named (after pruning their journal entries).</summary>
    public void Delete(IEnumerable<string> stems)
    {
        foreach (var stem in stems)
        {
            DeleteSegments(stem);
        }
    }

    /// <summary>The segments of a copy, oldest first.</summary>
    public IEnumerable<(long Number, string Path)> Segments(string stem)
    {
        if (!Directory.Exists(location.LogsFolder))
        {
            return [];
        }

        return Directory.EnumerateFiles(location.LogsFolder, stem + ".*.log")
            .Select(path => (Number: SegmentNumber(path, stem), Path: path))
            .Where(s => s.Number >= 0)
            .OrderBy(s => s.Number)
            .ToList();
    }

    private static long SegmentNumber(string path, string stem)
    {
        var middle = Path.GetFileNameWithoutExtension(path)[(stem.Length + 1)..];
        return long.TryParse(middle, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1;
    }

    private void Finish(string key, string name, string pod, string stem, long streamed, bool whole, HistorySettings settings)
    {
        // The journal may have become unusable meanwhile (another process, a full disk): the copy itself is kept.
        try
        {
            using var connection = JournalDatabase.Open(location, create: true)!;
            Save(connection, key, name, pod, stem, streamed, whole);
            Evict(connection, settings.MaxBytesTotal, keep: key);
        }
        catch (Exception ex) when (ex is JournalUnusableException or SqliteException or IOException or UnauthorizedAccessException)
        {
            return;
        }
    }

    private static void Save(SqliteConnection connection, string key, string name, string pod, string stem, long streamed, bool whole)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO kept_logs (key, name, pod, file, streamed_bytes, whole, written) VALUES ($key, $name, $pod, $file, $streamed, $whole, $now)
            ON CONFLICT (key) DO UPDATE SET name = excluded.name, pod = excluded.pod, file = excluded.file,
                streamed_bytes = excluded.streamed_bytes, whole = excluded.whole, written = excluded.written
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$pod", pod);
        command.Parameters.AddWithValue("$file", stem);
        command.Parameters.AddWithValue("$streamed", streamed);
        command.Parameters.AddWithValue("$whole", whole ? 1 : 0);
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }

    /// <summary>Deletes the least recently written copies (never <paramref name="keep"/>) until all fit in <paramref name="maxBytes"/>.</summary>
    private void Evict(SqliteConnection connection, long maxBytes, string keep)
    {
        var copies = new List<(string Key, string Stem, long Bytes)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT key, file FROM kept_logs ORDER BY written";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var stem = reader.GetString(1);
                copies.Add((reader.GetString(0), stem, Segments(stem).Sum(s => new FileInfo(s.Path).Length)));
            }
        }

        var total = copies.Sum(c => c.Bytes);
        foreach (var copy in copies.Where(c => c.Key != keep))
        {
            if (total <= maxBytes)
            {
                break;
            }

            DeleteSegments(copy.Stem);
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM kept_logs WHERE key = $key";
            delete.Parameters.AddWithValue("$key", copy.Key);
            delete.ExecuteNonQuery();
            total -= copy.Bytes;
        }
    }

    private void DeleteSegments(string stem)
    {
        foreach (var (_, path) in Segments(stem))
        {
            File.Delete(path);
        }
    }

    /// <summary>A file name from the key (a uid, or a name with slashes): hex, so nothing from the cluster reaches a path.</summary>
    private static string Stem(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
}
