using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Kubernetes;
using Jobman.Plugins.KubernetesJobs.Cluster;
using Jobman.Plugins.KubernetesJobs.History;
using Jobman.Plugins.KubernetesJobs.Logs;
using Jobman.Plugins.KubernetesJobs.Status;
using Jobman.Plugins.KubernetesJobs.Submit;

namespace Jobman.Plugins.KubernetesJobs.Commands;

/// <summary><c>jobman logs</c>: the raw log of a job's pod on stdout; every message goes to stderr.</summary>
internal sealed class LogsCommand(JobsApiFactory apis, JobTimings timings, JobJournalHook journal) : ICommand
{
    public CommandSpec Spec { get; } = new("logs", "Print a job's log (newest pod); -f follows it until the job's container ends.")
    {
        Options =
        [
            new OptionSpec("job-name", "The job.") { ShortName = 'j', ValueName = "NAME", Required = true },
            OptionSpec.Flag("follow", "Keep streaming until the container ends; waits for the pod to start; reconnects without repeating lines.", 'f'),
            OptionSpec.Flag("all-pods", "Print the logs of all the job's pods (oldest first), each line prefixed with '[pod-name] ' ('[task] ' for arrays)."),
            OptionSpec.Value("index", "TASK", "For job arrays: only this task's log (its task id, as in --array). Without it an array prints every task's newest pod, prefixed '[task] '."),
            OptionSpec.Value("tail", "N", "Only the last N lines."),
            OptionSpec.Value("since", "DURATION", "Only lines newer than this, e.g. 30s, 10m, 1h."),
            OptionSpec.Flag("timestamps", "Start each line with its RFC 3339 timestamp."),
            OptionSpec.Flag("previous", "The log of the previous, terminated container instance."),
            OptionSpec.Value("container", "NAME", "The container (default: the job's only container, 'main')."),
            .. KubernetesOptions.All,
        ],
    };

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var name = Jobman.Kubernetes.Names.JobName.Required(invocation);
        var tail = SubmitArgumentsTail(invocation.Value("tail"));
        var taskId = invocation.Value("index") is { } indexText ? SubmitArguments.NonNegativeInt(indexText, "--index") : null;
        var since = invocation.Value("since") is { } text ? (long?)Math.Max(1, (long)DurationText.Parse(text, "--since").TotalSeconds) : null;
        var request = new LogRequest
        {
            Follow = invocation.Has("follow"),
            TailLines = tail,
            SinceSeconds = since,
            Timestamps = invocation.Has("timestamps"),
            Previous = invocation.Has("previous"),
            Container = invocation.Value("container"),
        };
        var api = apis.Connect(invocation);
        using var connection = api.Connection;
        // Only a follow of the whole log of the newest pod is kept (not --tail, --since, --timestamps, ...).
        var keepCopy = request is { Follow: true, TailLines: null, SinceSeconds: null, Timestamps: false, Previous: false, Container: null };
        int code;
        try
        {
            code = await new JobLogReader(api, timings, invocation.Output, journal)
                .RunAsync(name, request, invocation.Has("all-pods"), cancellationToken, keepCopy, taskId).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound
            && journal.Journal?.FindKeptLog(api.Connection.Server, api.Namespace, name.Value, uid: null) is { } kept)
        {
            await KeptLogPrinter.PrintAsync(kept, $"job '{name}' is no longer in namespace '{api.Namespace}'", invocation.Output, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        if (code != ExitCodes.Success && journal.Journal is { } journalOfJobs
            && await api.FindJobAsync(name, cancellationToken).ConfigureAwait(false) is { } job && JobStatusDeriver.HasEnded(job)
            && journalOfJobs.FindKeptLog(api.Connection.Server, api.Namespace, name.Value, job.Metadata?.Uid) is { } keptOfPod)
        {
            await KeptLogPrinter.PrintAsync(keptOfPod, $"the pods of job '{name}' are gone", invocation.Output, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        return code;
    }

    private static long? SubmitArgumentsTail(string? value) =>
        value is null ? null
        : long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
        : throw JobmanException.Usage($"--tail '{value}' must be a whole number of 0 or more");
}
