using Jobman.Core;
using Jobman.Core.History;
using Jobman.Core.Hosting;
using Jobman.Core.Settings;
using Jobman.Plugins.History.Logs;
using Microsoft.Data.Sqlite;

namespace Jobman.Plugins.History.Journal;

/// <summary>
/// The journal as the job commands see it. It never fails a command: the first problem (damaged file, newer format,
/// disk full, invalid <c>history</c> settings) is warned about in one line and the journal is left alone for the rest
/// of the process.
/// </summary>
internal sealed class SqliteJobJournal : IJobJournal
{
    private readonly JournalLocation location;
    private readonly KeptLogStore logs;
    private readonly JobmanSettings settings;
    private readonly JobmanEnvironment environment;
    private string? _problem;

    public SqliteJobJournal(JournalLocation location, KeptLogStore logs, JobmanSettings settings, JobmanEnvironment environment)
    {
        this.location = location;
        this.logs = logs;
        this.settings = settings;
        this.environment = environment;
        // Created with the command that will report to it, before that command's first request.
        JournalWarmUp.Start(settings);
    }

    public void Record(IReadOnlyList<JobSighting> sightings)
    {
        if (sightings.Count == 0 || Settings() is not { Journal: true })
        {
            return;
        }

        var recorded = new RecordedSightings(location);
        var changed = recorded.NotYetRecorded(sightings);
        if (changed.Count > 0 && Write(changed))
        {
            recorded.Remember(changed);
        }
    }

    /// <summary>Writes the sightings; false when the journal could not be used.</summary>
    private bool Write(IReadOnlyList<JobSighting> sightings) =>
        Use(connection =>
        {
            SightingWriter.Write(connection, sightings, DateTimeOffset.UtcNow);
            return sightings;
        }) is not null;

    public IKeptLogWriter? StartLogCopy(JobSighting job, string pod)
    {
        if (Settings() is not { KeepLogs: true } history)
        {
            return null;
        }

        return Use(connection => logs.Start(connection, job, pod, history));
    }

    public KeptLog? FindKeptLog(string cluster, string @namespace, string name, string? uid) =>
        Use(connection => logs.Find(connection, cluster, @namespace, name, uid), create: false);

    public IReadOnlyList<string> RecentJobNames(int limit) =>
        Use(connection => JournalQuery.RecentNames(connection, limit), create: false) ?? [];

    private HistorySettings? Settings()
    {
        if (_problem is not null)
        {
            return null;
        }

        try
        {
            return HistorySettings.From(settings);
        }
        catch (JobmanException ex)
        {
            Fail(ex.Message);
            return null;
        }
    }

    private T? Use<T>(Func<SqliteConnection, T?> action, bool create = true)
        where T : class
    {
        if (_problem is not null)
        {
            return null;
        }

        try
        {
            using var connection = JournalDatabase.Open(location, create);
            return connection is null ? null : action(connection);
        }
        catch (JournalUnusableException ex)
        {
            Fail(ex.Message);
        }
        catch (SqliteException ex)
        {
            Fail(JournalDatabase.Unusable(location, ex).Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Fail($"job journal {location.ShownDatabaseFile} cannot be written: {ex.Message}");
        }

        return null;
    }

    private void Fail(string message)
    {
        _problem = message;
        environment.Warn($"{message} (not recorded)");
    }
}
