using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Kubernetes;
using Jobman.Plugins.KubernetesJobs.Cluster;
using Jobman.Plugins.KubernetesJobs.Logs;

namespace Jobman.Plugins.KubernetesJobs.Commands;

/// <summary><c>jobman logs</c>: the raw log of a job's pod on stdout; every message goes to stderr.</summary>
internal sealed class LogsCommand(JobsApiFactory apis, JobTimings timings) : ICommand
{
    public CommandSpec Spec { get; } = new("logs", "Print a job's log (newest pod); -f follows it until the job's container ends.")
    {
        Options =
        [
            new OptionSpec("job-name", "The job.") { ShortName = 'j', ValueName = "NAME", Required = true },
            OptionSpec.Flag("follow", "Keep streaming until the container ends; waits for the pod to start; reconnects without repeating lines.", 'f'),
            OptionSpec.Flag("all-pods", "Print the logs of all the job's pods (oldest first), each line prefixed with '[pod-name] '."),
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
        return await new JobLogReader(api, timings, invocation.Output)
            .RunAsync(name, request, invocation.Has("all-pods"), cancellationToken).ConfigureAwait(false);
    }

    private static long? SubmitArgumentsTail(string? value) =>
        value is null ? null
        : long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
        : throw JobmanException.Usage($"--tail '{value}' must be a whole number of 0 or more");
}
