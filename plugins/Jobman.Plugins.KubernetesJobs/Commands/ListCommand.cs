using System.Text.Json.Nodes;
using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Core.Output;
using Jobman.Kubernetes;
using Jobman.Plugins.KubernetesJobs.Cluster;
using Jobman.Plugins.KubernetesJobs.History;
using Jobman.Plugins.KubernetesJobs.Status;

namespace Jobman.Plugins.KubernetesJobs.Commands;

/// <summary>
/// <c>jobman list</c>: jobman's jobs with status and reason. Costs two paged API calls whatever the number of jobs:
/// one jobs list and one pods list selected by the Job controller's uid label; with Kueue-queued jobs, one workloads
/// list more (and for <c>-o wide|json|yaml</c> one visibility read per LocalQueue with waiting jobs).
/// </summary>
internal sealed class ListCommand(JobsApiFactory apis, JobTimings timings, TimeProvider clock, JobJournalHook journal) : ICommand
{
    public CommandSpec Spec { get; } = new("list", "List your jobs with their status, reason, flavor and age (newest first).")
    {
        OutputFormats = [OutputFormat.Table, OutputFormat.Wide, OutputFormat.Json, OutputFormat.Yaml],
        Options =
        [
            OptionSpec.Flag("all-jobs", "Include jobs not created by jobman."),
            OptionSpec.Flag("watch", "Keep watching: print the list again whenever it changes (Kubernetes watch), until Ctrl+C.", 'w'),
            .. KubernetesOptions.All,
        ],
    };

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var api = apis.Connect(invocation);
        using var connection = api.Connection;
        var allJobs = invocation.Has("all-jobs");
        var flavorKey = invocation.Settings.Job.Resources.Label;
        var output = invocation.Output;
        if (!invocation.Has("watch"))
        {
            var rows = (await SnapshotAsync(api, allJobs, flavorKey, WantsPositions(output), cancellationToken).ConfigureAwait(false)).Rows;
            // The journal is brought up to date on another core while the table is printed (each ~10-20 ms at 1,000
            // jobs); a warning of the journal waits for the table (the host writes results and messages one at a time).
            var recording = journal.Journal is null ? Task.CompletedTask : Task.Run(() => journal.Seen(api, rows), CancellationToken.None);
            try
            {
                Render(rows, api.Namespace, allJobs, output, clock.GetUtcNow().UtcDateTime);
            }
            finally
            {
                await recording.ConfigureAwait(false);
            }

            if (rows.Count == 0 && !allJobs)
            {
                // Upgraders from jobman 1.3.x see their old (unlabelled) jobs vanish: say where they are.
                output.Info("jobs jobman did not label (created by jobman 1.3.x or kubectl) are shown by 'jobman list --all-jobs'; 'jobman adopt' lets jobman manage them");
            }

            return ExitCodes.Success;
        }

        string? shown = null;
        var changes = new ListChangeWatch(api);
        var canWatch = true;
        try
        {
            while (true)
            {
                var snapshot = await SnapshotAsync(api, allJobs, flavorKey, WantsPositions(output), cancellationToken).ConfigureAwait(false);
                var rows = snapshot.Rows;
                // Ages tick every second; only a change of the jobs themselves is worth a new table.
                var fingerprint = string.Join("\n", rows.Select(r => $"{r.Name}|{r.State}|{r.Flavor}|{r.Pods.Count}|{r.Started}|{r.Finished}"));
                if (fingerprint != shown)
                {
                    journal.Seen(api, rows);
                    if (shown is not null)
                    {
                        output.StartNextView();
                    }

                    Render(rows, api.Namespace, allJobs, output, clock.GetUtcNow().UtcDateTime);
                    await output.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
                    shown = fingerprint;
                }

                canWatch = canWatch && await changes.WaitAsync(allJobs, snapshot.JobsVersion, snapshot.PodsVersion, cancellationToken).ConfigureAwait(false);

                // Lets a burst of events (a job starting is several) settle into one new table; without the right to
                // watch this is the polling interval.
                await Task.Delay(timings.WatchInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C is how a watch ends: not an error.
            return ExitCodes.Success;
        }
    }

    /// <summary>Queue positions cost a visibility read per LocalQueue: only the wide table and the data formats show them.</summary>
    private static bool WantsPositions(IOutput output) => output.Format is OutputFormat.Wide or OutputFormat.Json or OutputFormat.Yaml;

    private static async Task<Snapshot> SnapshotAsync(JobsApi api, bool allJobs, string? flavorKey, bool positions, CancellationToken cancellationToken)
    {
        // Both lists at once: on a cold process the second request overlaps the first one's TLS set-up and decoding.
        var jobsTask = api.ListJobsAsync(allJobs, cancellationToken);
        var podsTask = api.ListJobPodsAsync(cancellationToken);
        var jobs = await jobsTask.ConfigureAwait(false);
        var pods = await podsTask.ConfigureAwait(false);
        // Pods are matched to jobs by the Job controller's uid label; a job whose pods are not (or no longer) listed
        // is judged by its own status alone.
        var byJobUid = pods.Items.GroupBy(p => JobStatusDeriver.ControllerUidOf(p) ?? string.Empty).ToDictionary(g => g.Key, g => g.ToList());
        var kueue = await KueueLookup.LoadAsync(api.Kueue, jobs.Items, positions, cancellationToken).ConfigureAwait(false);
        var rows = new List<JobSummary>(jobs.Items.Count);
        foreach (var job in jobs.Items)
        {
            var uid = job.Metadata?.Uid ?? string.Empty;
            rows.Add(JobSummary.Create(job, byJobUid.GetValueOrDefault(uid) ?? [], flavorKey, kueue.GetValueOrDefault(uid)));
        }

        rows.Sort(NewestFirst);
        return new Snapshot(rows, jobs.ResourceVersion, pods.ResourceVersion);
    }

    /// <summary>
    /// Newest first, then by name. A comparison rather than OrderBy: LINQ's sorter for a DateTime key is compiled at
    /// run time on every list.
    /// </summary>
    private static int NewestFirst(JobSummary a, JobSummary b)
    {
        var byCreation = (b.Created ?? DateTime.MinValue).CompareTo(a.Created ?? DateTime.MinValue);
        return byCreation != 0 ? byCreation : string.CompareOrdinal(a.Name, b.Name);
    }

    private static void Render(List<JobSummary> rows, string ns, bool allJobs, IOutput output, DateTime now)
    {
        var table = new TableView(
            new TableColumn("Name"),
            new TableColumn("Status"),
            new TableColumn("Reason"),
            new TableColumn("Flavor"),
            new TableColumn("Age"),
            new TableColumn("Duration"),
            new TableColumn("Start"),
            new TableColumn("Pods", WideOnly: true),
            new TableColumn("Position", WideOnly: true),
            new TableColumn("Namespace", WideOnly: true),
            new TableColumn("Image", WideOnly: true),
            new TableColumn("Node", WideOnly: true))
        {
            EmptyMessage = allJobs ? $"no jobs in namespace '{ns}'" : $"no jobman jobs in namespace '{ns}'",
        };
        foreach (var row in rows)
        {
            table.AddRow(
                row.Name,
                new TableCell(row.State.Status, ToneOf(row.State.Status)),
                row.State.Reason.Length == 0 ? "-" : row.State.Reason,
                row.Flavor,
                row.Age(now),
                row.Duration(now),
                JobSummary.Time(row.Started),
                row.Pods.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                row.Kueue?.PositionText ?? "-",
                row.Job.Metadata?.Namespace ?? ns,
                row.Image,
                row.Node);
        }

        output.WriteResult(table, () => new JsonArray(rows.Select(r => (JsonNode)r.ToJson(now)).ToArray()));
    }

    private sealed record Snapshot(List<JobSummary> Rows, string? JobsVersion, string? PodsVersion);

    public static Tone ToneOf(string status) => status switch
    {
        JobState.Succeeded => Tone.Good,
        JobState.Failed => Tone.Bad,
        JobState.Pending or JobState.Queued or JobState.Admitted => Tone.Attention,
        JobState.Unknown => Tone.Muted,
        _ => Tone.Plain,
    };
}
