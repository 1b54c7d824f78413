using Jobman.Core.History;
using Microsoft.Data.Sqlite;

namespace Jobman.Plugins.History.Journal;

/// <summary>
/// Writes sightings in one transaction: a new job is inserted, a known one updated. A value the sighting does not know
/// (null) keeps the recorded one, so a later, thinner sighting (e.g. from <c>wait</c>) never erases what
/// <c>submit</c> recorded (digest, command).
/// </summary>
internal static class SightingWriter
{
    private const string Upsert = """
        INSERT INTO jobs (key, uid, cluster, context, namespace, name, image, digest, flavor, resources, gpus, command,
                          submitted, started, ended, status, reason, exit_code, first_seen, last_seen)
        VALUES ($key, $uid, $cluster, $context, $namespace, $name, $image, $digest, $flavor, $resources, $gpus, $command,
                COALESCE($submitted, $now), $started, $ended, $status, $reason, $exit_code, $now, $now)
        ON CONFLICT (key) DO UPDATE SET
            uid = COALESCE(excluded.uid, uid),
            context = COALESCE(excluded.context, context),
            image = COALESCE(excluded.image, image),
            digest = COALESCE(excluded.digest, digest),
            flavor = COALESCE(excluded.flavor, flavor),
            resources = COALESCE(excluded.resources, resources),
            gpus = COALESCE(excluded.gpus, gpus),
            command = COALESCE(excluded.command, command),
            submitted = COALESCE($submitted, submitted),
            started = COALESCE(excluded.started, started),
            ended = COALESCE(excluded.ended, ended),
            status = COALESCE(excluded.status, status),
            reason = COALESCE(excluded.reason, reason),
            exit_code = COALESCE(excluded.exit_code, exit_code),
            last_seen = excluded.last_seen
        """;

    public static void Write(SqliteConnection connection, IReadOnlyList<JobSighting> sightings, DateTimeOffset now)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Upsert;
        var parameters = new[]
        {
            "$key", "$uid", "$cluster", "$context", "$namespace", "$name", "$image", "$digest", "$flavor", "$resources",
            "$gpus", "$command", "$submitted", "$started", "$ended", "$status", "$reason", "$exit_code", "$now",
        }.ToDictionary(n => n, n => command.Parameters.Add(new SqliteParameter { ParameterName = n }));
        foreach (var job in sightings)
        {
            parameters["$key"].Value = JournalKey.Of(job);
            parameters["$uid"].Value = Db(job.Uid);
            parameters["$cluster"].Value = job.Cluster;
            parameters["$context"].Value = Db(job.Context);
            parameters["$namespace"].Value = job.Namespace;
            parameters["$name"].Value = job.Name;
            parameters["$image"].Value = Db(job.Image);
            parameters["$digest"].Value = Db(job.ImageDigest);
            parameters["$flavor"].Value = Db(job.Flavor);
            parameters["$resources"].Value = Db(job.Resources);
            parameters["$gpus"].Value = job.Gpus is { } gpus ? gpus : DBNull.Value;
            parameters["$command"].Value = Db(job.Command);
            parameters["$submitted"].Value = UnixMilliseconds.From(job.Submitted);
            parameters["$started"].Value = UnixMilliseconds.From(job.Started);
            parameters["$ended"].Value = UnixMilliseconds.From(job.Ended);
            parameters["$status"].Value = Db(job.Status);
            parameters["$reason"].Value = job.Reason is null ? DBNull.Value : job.Reason;
            parameters["$exit_code"].Value = job.ExitCode is { } code ? code : DBNull.Value;
            parameters["$now"].Value = now.ToUnixTimeMilliseconds();
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static object Db(string? value) => string.IsNullOrEmpty(value) ? DBNull.Value : value;
}
