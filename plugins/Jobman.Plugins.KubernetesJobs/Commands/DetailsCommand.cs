using System.Globalization;
using System.Text.Json.Nodes;
using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Core.Output;
using Jobman.Kubernetes;
using Jobman.Kubernetes.Names;
using Jobman.Plugins.KubernetesJobs.Arrays;
using Jobman.Plugins.KubernetesJobs.Rerun;
using Jobman.Plugins.KubernetesJobs.Cluster;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;
using Jobman.Plugins.KubernetesJobs.History;
using Jobman.Plugins.KubernetesJobs.Status;
using k8s.Models;

namespace Jobman.Plugins.KubernetesJobs.Commands;

/// <summary><c>jobman details</c>: one job with its conditions, pods and recent events.</summary>
internal sealed class DetailsCommand(JobsApiFactory apis, TimeProvider clock, JobJournalHook journal) : ICommand
{
    private const int MaxEvents = 10;

    public CommandSpec Spec { get; } = new("details", "Show a job: status and reason, flavor, image, times, conditions, pods and recent events.")
    {
        OutputFormats = [OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml],
        Options =
        [
            new OptionSpec("job-name", "The job.") { ShortName = 'j', ValueName = "NAME", Required = true },
            .. KubernetesOptions.All,
        ],
    };

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var name = JobName.Required(invocation);
        var api = apis.Connect(invocation);
        using var connection = api.Connection;
        var job = await api.GetJobObjectAsync(name, cancellationToken).ConfigureAwait(false);
        var podObjects = await api.ListPodObjectsOfJobAsync(name, cancellationToken).ConfigureAwait(false);
        var pods = JobStatusDeriver.PodsOf(job.View, podObjects.Select(p => p.View));
        journal.Seen(api, job.View, pods, JobStatusDeriver.Derive(job.View, pods), JobSummary.FlavorOf(job.View, invocation.Settings.Job.Resources.Label));
        var output = invocation.Output;
        if (output.Format != OutputFormat.Table)
        {
            // Whole objects as the server sent them, the pods newest first like the table.
            var ordered = pods.Select(view => podObjects.First(p => ReferenceEquals(p.View, view)).Json);
            output.WriteData(new JsonObject
            {
                ["job"] = job.Json,
                ["pods"] = new JsonArray(ordered.ToArray<JsonNode?>()),
            });
            return ExitCodes.Success;
        }

        var kueue = (await KueueLookup.LoadAsync(api.Kueue, [job.View], positions: true, cancellationToken).ConfigureAwait(false)).Values.FirstOrDefault();
        var summary = JobSummary.Create(job.View, pods, invocation.Settings.Job.Resources.Label, kueue);
        var events = await EventsAsync(api, name.Value, pods, cancellationToken).ConfigureAwait(false);
        Write(summary, events, output, clock.GetUtcNow().UtcDateTime);
        return ExitCodes.Success;
    }

    /// <summary>Where Kueue has the job: its queues, flavors, place in line and the workload's conditions.</summary>
    private static void WriteKueue(KueueInfo kueue, Action<string, string, Tone> field, IOutput output)
    {
        var workload = kueue.Workload;
        var admittedTo = workload?.ClusterQueue is { } clusterQueue ? $", admitted to ClusterQueue {clusterQueue}" : string.Empty;
        field("Queue", $"LocalQueue {kueue.LocalQueue}{admittedTo}", Tone.Plain);
        if (workload is { Flavors.Count: > 0 })
        {
            field("Kueue", "flavors " + string.Join(", ", workload.Flavors.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}")), Tone.Plain);
        }

        if (kueue.PositionText is { } position)
        {
            field("Position", position, Tone.Attention);
        }

        if (workload is null)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine($"Kueue workload {workload.Name} (priority {workload.Priority.ToString(CultureInfo.InvariantCulture)}{(workload.PriorityClass is { } pc ? $", class {pc}" : string.Empty)}):", Tone.Heading);
        var table = new TableView(new TableColumn("Type"), new TableColumn("Status"), new TableColumn("Reason"), new TableColumn("Message")) { EmptyMessage = "(not yet considered by Kueue)" };
        foreach (var c in workload.Conditions)
        {
            table.AddRow(c.Type, c.Status ? "True" : "False", c.Reason.Length == 0 ? "-" : c.Reason, c.Message.Length == 0 ? "-" : c.Message);
        }

        output.WriteResult(table, () => null);
    }

    private static async Task<List<Corev1Event>?> EventsAsync(JobsApi api, string name, List<SlimPod> pods, CancellationToken cancellationToken)
    {
        // Events are a bonus: a cluster that hides them (403) or lacks them (404) still gets the details.
        var forJob = await api.TryListEventsAsync(name, cancellationToken).ConfigureAwait(false);
        if (forJob is null)
        {
            return null;
        }

        var all = forJob.ToList();
        if (pods.Count > 0)
        {
            all.AddRange(await api.TryListEventsAsync(pods[0].Metadata?.Name ?? string.Empty, cancellationToken).ConfigureAwait(false) ?? []);
        }

        // Oldest first, like kubectl describe. Timestamps have one-second resolution, so events of the same second
        // fall back to creation time and then to the order the API server stored them in (resourceVersion).
        return all.OrderBy(When).ThenBy(e => e.Metadata?.CreationTimestamp ?? DateTime.MinValue).ThenBy(StorageOrder).TakeLast(MaxEvents).ToList();
    }

    private static long StorageOrder(Corev1Event e) =>
        long.TryParse(e.Metadata?.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : long.MaxValue;

    private static DateTime When(Corev1Event e) =>
        e.Series?.LastObservedTime ?? e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp ?? DateTime.MinValue;

    private static void Write(JobSummary s, List<Corev1Event>? events, IOutput output, DateTime now)
    {
        var container = s.Job.Spec?.Template?.Spec?.Containers?.FirstOrDefault();
        var command = CommandLineText.Join(Arrays.ArrayKeys.UserCommand(container?.Command, container?.Args));
        void Field(string label, string value, Tone tone = Tone.Plain) => output.WriteLine($"{label + ":",-11}{value}", tone);

        Field("Name", s.Name);
        Field("Namespace", s.Job.Metadata?.Namespace ?? "-");
        Field("Status", s.State.Reason.Length == 0 ? s.State.Status : $"{s.State.Status} ({s.State.Reason})", ListCommand.ToneOf(s.State.Status));
        Field("Flavor", s.Flavor);
        Field("Image", s.Image);
        Field("Command", command.Length == 0 ? "(image default)" : command);
        Field("Created", $"{JobSummary.Time(s.Created)} ({s.Age(now)} ago)");
        Field("Started", JobSummary.Time(s.Started));
        Field("Finished", JobSummary.Time(s.Finished));
        Field("Duration", s.Duration(now));
        if (s.Job.Metadata?.Annotations is { } annotations && RerunChain.Of(annotations) is { Count: > 0 } chain)
        {
            Field("Rerun of", string.Join(" <- ", chain.AsEnumerable().Reverse()));
        }

        var array = ArrayStatus.Of(s.Job);
        if (array is not null)
        {
            WriteArray(s.Job, array, Field);
        }

        if (s.Kueue is { } kueue)
        {
            WriteKueue(kueue, Field, output);
        }

        var conditions = s.Job.Status?.Conditions ?? [];
        output.WriteLine();
        output.WriteLine("Conditions:", Tone.Heading);
        var conditionTable = new TableView(new TableColumn("Type"), new TableColumn("Status"), new TableColumn("Reason"), new TableColumn("Message")) { EmptyMessage = "(none)" };
        foreach (var c in conditions)
        {
            conditionTable.AddRow(c.Type ?? "-", c.Status ?? "-", c.Reason ?? "-", c.Message ?? "-");
        }

        output.WriteResult(conditionTable, () => null);

        if (array is not null)
        {
            WriteTasks(s, array, output);
        }
        else
        {
            WritePods(s, output, now);
        }

        output.WriteLine();
        output.WriteLine("Events:", Tone.Heading);
        if (events is null)
        {
            output.WriteLine("(not available)", Tone.Muted);
            return;
        }

        var eventTable = new TableView(new TableColumn("Age"), new TableColumn("Type"), new TableColumn("Reason"), new TableColumn("Object"), new TableColumn("Message")) { EmptyMessage = "(none)" };
        foreach (var e in events)
        {
            var when = When(e);
            eventTable.AddRow(
                when == DateTime.MinValue ? "-" : DurationText.Format(now - when),
                e.Type ?? "-",
                e.Reason ?? "-",
                $"{e.InvolvedObject?.Kind?.ToLowerInvariant()}/{e.InvolvedObject?.Name}",
                (e.Message ?? "-").ReplaceLineEndings(" "));
        }

        output.WriteResult(eventTable, () => null);
    }

    private static void WriteArray(SlimJob job, ArrayStatus array, Action<string, string, Tone> field)
    {
        var spec = job.Spec;
        var retries = spec?.BackoffLimitPerIndex ?? 0;
        var limits = $"at most {spec?.Parallelism ?? 1} at once, {retries} {(retries == 1 ? "retry" : "retries")} per task";
        if (spec?.MaxFailedIndexes is { } maxFailed)
        {
            limits += $", stops after {maxFailed + 1} failed";
        }

        field("Array", $"{array.Count} task(s) {ArraySpec.Compact(array.TaskIds)} ({limits})", Tone.Plain);
        if (job.Metadata?.Annotations?.GetValueOrDefault(ArrayKeys.SweepAnnotation) is { } sweep)
        {
            field("Sweep", $"{sweep} (one row a task, as environment variables)", Tone.Plain);
        }

        field("Progress", array.Progress, array.Failed.Count > 0 ? Tone.Bad : Tone.Plain);
        if (array.Failed.Count > 0)
        {
            field("Failed", $"task(s) {array.FailedTaskIds()}; rerun them with 'jobman rerun -j {job.Metadata?.Name} --failed-indexes'", Tone.Bad);
        }
    }

    private static void WriteTasks(JobSummary s, ArrayStatus array, IOutput output)
    {
        output.WriteLine();
        output.WriteLine("Tasks:", Tone.Heading);
        var table = new TableView(new TableColumn("Task"), new TableColumn("Index"), new TableColumn("Status"), new TableColumn("Reason"), new TableColumn("Exit code"), new TableColumn("Attempts"), new TableColumn("Pod"));
        foreach (var row in TaskRow.Build(s.Job, array, s.Pods))
        {
            table.AddRow(
                row.TaskId.ToString(CultureInfo.InvariantCulture),
                row.Index.ToString(CultureInfo.InvariantCulture),
                new TableCell(row.Status, ListCommand.ToneOf(row.Status)),
                row.Reason.Length == 0 ? "-" : row.Reason,
                row.ExitCode,
                row.Attempts.ToString(CultureInfo.InvariantCulture),
                row.Pod);
        }

        output.WriteResult(table, () => null);
    }

    private static void WritePods(JobSummary s, IOutput output, DateTime now)
    {
        output.WriteLine();
        output.WriteLine("Pods:", Tone.Heading);
        var podTable = new TableView(new TableColumn("Name"), new TableColumn("Phase"), new TableColumn("State"), new TableColumn("Reason"), new TableColumn("Exit code"), new TableColumn("Node"), new TableColumn("Age")) { EmptyMessage = "(none yet)" };
        foreach (var pod in s.Pods)
        {
            var main = JobStatusDeriver.MainContainerStatus(pod);
            var state = main?.State;
            var (stateName, exit) = state?.Terminated is { } t ? ("terminated", t.ExitCode.ToString(CultureInfo.InvariantCulture))
                : state?.Running is not null ? ("running", "-")
                : state?.Waiting is not null ? ("waiting", "-")
                : ("-", "-");
            var reason = JobStatusDeriver.DerivePod(pod).Reason;
            podTable.AddRow(
                pod.Metadata?.Name ?? "?",
                pod.Status?.Phase ?? "Unknown",
                stateName,
                reason.Length == 0 ? (state?.Terminated?.Reason ?? "-") : reason,
                exit,
                pod.Spec?.NodeName ?? "-",
                pod.Metadata?.CreationTimestamp is { } created ? DurationText.Format(now - created) : "-");
        }

        output.WriteResult(podTable, () => null);
    }
}
