using System.Globalization;
using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Plugins.History.Journal;
using Jobman.Plugins.History.Logs;
using Microsoft.Data.Sqlite;

namespace Jobman.Plugins.History.Commands;

/// <summary>
/// <c>jobman history</c>: the jobs jobman has seen, from the local journal, like SLURM's <c>sacct</c>: works with no
/// cluster reachable and shows jobs the cluster has long deleted, with GPU-hours per flavor.
/// </summary>
internal sealed class HistoryCommand(JournalLocation location, KeptLogStore logs) : ICommand
{
    private const string DefaultSince = "30d";

    public CommandSpec Spec { get; } = new("history", "Jobs jobman has seen, from the local journal (also deleted ones), with GPU-hours per flavor.")
    {
        OutputFormats = [OutputFormat.Table, OutputFormat.Wide, OutputFormat.Json, OutputFormat.Yaml],
        Options =
        [
            OptionSpec.Value("since", "WHEN", $"Jobs submitted in this last period (12h, 7d, 2w) or since this date (2026-12-01); 'all' for every job (default: {DefaultSince})."),
            OptionSpec.Value("status", "STATUS", "Only jobs whose last seen status is this: succeeded, failed, running, pending, queued..."),
            OptionSpec.Value("flavor", "FLAVOR", "Only jobs of this resources flavor."),
            OptionSpec.Value("prune-before", "WHEN", "Delete the journal entries (and kept logs) of jobs submitted before this date or longer ago than this age, e.g. 2026-01-01 or 180d."),
        ],
        ExtendedHelp = """

            The journal (~/.jobman/history.db) is written by submit, list, details, wait and logs whenever they see a
            job; no cluster is asked here. GPU-hours = GPUs of the job's flavor x its run time (until the last time
            jobman saw it, while it had not ended). Settings: history.journal, history.keepLogs,
            history.logMaxMiBPerJob, history.logMaxMiBTotal.

            Examples:
              jobman history --since 7d --status failed
              jobman history --flavor small-gpu -o json
              jobman history --prune-before 2026-01-01
            """,
    };

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (invocation.Value("prune-before") is { } pruneText)
        {
            if (invocation.Has("since") || invocation.Has("status") || invocation.Has("flavor"))
            {
                throw JobmanException.Usage("--prune-before deletes by submission time only: it cannot be combined with --since, --status or --flavor");
            }

            return Task.FromResult(Prune(PointInTime.Parse(pruneText, "--prune-before", now), invocation));
        }

        var sinceText = invocation.Value("since") ?? DefaultSince;
        var since = sinceText.Trim().Equals("all", StringComparison.OrdinalIgnoreCase) ? (DateTimeOffset?)null : PointInTime.Parse(sinceText, "--since", now);
        var status = Blank(invocation.Value("status"), "--status");
        var flavor = Blank(invocation.Value("flavor"), "--flavor");
        var entries = Read(connection => JournalQuery.Find(connection, since, status, flavor)) ?? [];

        HistoryView.Write(entries, invocation.Output, EmptyMessage(since, status, flavor));
        return Task.FromResult(ExitCodes.Success);
    }

    private int Prune(DateTimeOffset before, CommandInvocation invocation)
    {
        if (Read(connection => JournalQuery.Prune(connection, before)) is not { } pruned)
        {
            invocation.Output.WriteLine("no journal yet: nothing to prune");
            return ExitCodes.Success;
        }

        logs.Delete(pruned.LogStems);
        new RecordedSightings(location).Forget();
        // Deleted pages are reused by later entries; VACUUM would rewrite the whole file under an exclusive lock.
        invocation.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pruned {pruned.Jobs} job(s) submitted before {before.ToLocalTime():yyyy-MM-dd HH:mm} and {pruned.LogStems.Count} kept log(s)"));
        return ExitCodes.Success;
    }

    /// <summary>Runs a read on the journal (null when there is none yet); a journal this command cannot use is its failure (exit 1), in one line.</summary>
    private T? Read<T>(Func<SqliteConnection, T> read)
    {
        try
        {
            using var connection = JournalDatabase.Open(location, create: false);
            return connection is null ? default : read(connection);
        }
        catch (JournalUnusableException ex)
        {
            throw new JobmanException(ex.Message, ExitCodes.Failed, ex);
        }
        catch (SqliteException ex)
        {
            throw new JobmanException(JournalDatabase.Unusable(location, ex).Message, ExitCodes.Failed, ex);
        }
    }

    private static string? Blank(string? value, string option) =>
        value is null ? null
        : value.Trim().Length > 0 ? value.Trim()
        : throw JobmanException.Usage($"{option} must not be empty");

    private static string EmptyMessage(DateTimeOffset? since, string? status, string? flavor)
    {
        var filters = new List<string>();
        if (since is { } from)
        {
            filters.Add($"submitted since {from.ToLocalTime():yyyy-MM-dd HH:mm}");
        }

        if (status is not null)
        {
            filters.Add($"with status '{status}'");
        }

        if (flavor is not null)
        {
            filters.Add($"of flavor '{flavor}'");
        }

        return filters.Count == 0 ? "no jobs in the journal" : $"no jobs in the journal {string.Join(", ", filters)}";
    }
}
