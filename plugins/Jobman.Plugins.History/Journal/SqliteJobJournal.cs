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
    private readonly JournalLocation _location;
    private readonly KeptLogStore _logs;
    private readonly JobmanSettings _settings;
    private readonly JobmanEnvironment _environment;
    private string? _problem;

    public SqliteJobJournal(JournalLocation location, KeptLogStore logs, JobmanSettings settings, JobmanEnvironment environment)
    {
        _location = location;
        _logs = logs;
        _settings = settings;
        _environment = environment;
        // Created with the command that will report to it, before that command's first request.
        JournalWarmUp.Start(settings, location);
    }

    public void Record(IReadOnlyList<JobSighting> sightings)
    {
        if (sightings.Count == 0 || Settings() is not { Journal: true })
        {
            return;
        }

        var recorded = new RecordedSightings(_location);
        var changed = recorded.NotYetRecorded(sightings);
        var quiet = new QuietJournalMark(_location);
        if (changed.Count == 0)
        {
            quiet.Set();
            return;
        }

        if (Write(changed))
        {
            recorded.Remember(changed);
        }

        quiet.Clear();
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

        return Use(connection => _logs.Start(connection, job, pod, history));
    }

    public KeptLog? FindKeptLog(string cluster, string @namespace, string name, string? uid) =>
        Use(connection => _logs.Find(connection, cluster, @namespace, name, uid), create: false);

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
            return HistorySettings.From(_settings);
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
            using var connection = JournalDatabase.Open(_location, create);
            return connection is null ? null : action(connection);
        }
        catch (JournalUnusableException ex)
        {
            Fail(ex.Message);
        }
        catch (SqliteException ex)
        {
            Fail(JournalDatabase.Unusable(_location, ex).Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Fail($"job journal {_location.ShownDatabaseFile} cannot be written: {ex.Message}");
        }

        return null;
    }

    private void Fail(string message)
    {
        _problem = message;
        _environment.Warn($"{message} (not recorded)");
    }
}
