using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Kubernetes;
using Jobman.Kubernetes.Names;
using Jobman.Plugins.KubernetesJobs.Cluster;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;
using Jobman.Plugins.KubernetesJobs.Status;

namespace Jobman.Plugins.KubernetesJobs.Commands;

/// <summary>
/// <c>suspend</c> and <c>resume</c>: set or clear a job's <c>spec.suspend</c>. Suspending stops the job's running
/// pods (not counted as failures) and keeps what it finished; resuming starts the rest. Jobs of a Kueue queue are
/// left to Kueue, which suspends and resumes them itself.
/// </summary>
internal abstract class SuspensionCommand(JobsApiFactory apis, bool suspend) : ICommand
{
    private string Verb => suspend ? "suspend" : "resume";

    private string Done => suspend ? "suspended" : "resumed";

    public abstract CommandSpec Spec { get; }

    protected static IReadOnlyList<OptionSpec> CommonOptions(string verb) =>
    [
        OptionSpec.Value("job-name", "NAME", $"The job to {verb}.", 'j'),
        OptionSpec.Flag("all", $"{char.ToUpperInvariant(verb[0])}{verb[1..]} every jobman job of the namespace that can be (asks first)."),
        OptionSpec.Flag("yes", "Do not ask for confirmation with --all.", 'y'),
        .. KubernetesOptions.All,
    ];

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var name = BulkConfirmation.OneOrAll(invocation, Verb);

        var api = apis.Connect(invocation);
        using var connection = api.Connection;
        var output = invocation.Output;
        if (name is { } single)
        {
            var job = await api.GetJobAsync(single, cancellationToken).ConfigureAwait(false);
            if (WhyNot(job) is { } reason)
            {
                throw new JobmanException($"job '{single}' cannot be {Done}: {reason}");
            }

            await api.SetSuspendAsync(single, job.Metadata?.ResourceVersion, suspend, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"job '{single}' {Done}{Consequence(job)}");
            return ExitCodes.Success;
        }

        var jobs = (await api.ListJobsAsync(allJobs: false, cancellationToken).ConfigureAwait(false)).Items
            .Where(j => j.Metadata?.Name is not null && WhyNot(j) is null)
            .OrderBy(j => j.Metadata!.Name, StringComparer.Ordinal)
            .ToList();
        if (jobs.Count == 0)
        {
            output.WriteLine($"no jobman job to {Verb} in namespace '{api.Namespace}'");
            return ExitCodes.Success;
        }

        if (!BulkConfirmation.Ask(invocation, output, $"{jobs.Count} jobman job(s) in namespace '{api.Namespace}' will be {Done}:", jobs.Select(j => j.Metadata!.Name!), $"{Verb} these {jobs.Count} job(s)?", $"nothing {Done}"))
        {
            return ExitCodes.Failed;
        }

        var failed = 0;
        foreach (var job in jobs)
        {
            var jobName = job.Metadata!.Name!;
            try
            {
                // Names came from the server; parsed like typed names so nothing unchecked reaches a URL.
                await api.SetSuspendAsync(JobName.Parse(jobName, "the job list"), job.Metadata.ResourceVersion, suspend, cancellationToken).ConfigureAwait(false);
                output.WriteLine($"job '{jobName}' {Done}{Consequence(job)}");
            }
            catch (JobmanException ex)
            {
                failed++;
                output.Warn($"job '{jobName}' not {Done}: {ex.Message}");
            }
        }

        return failed == 0 ? ExitCodes.Success : throw new JobmanException($"{failed} of {jobs.Count} job(s) could not be {Done}");
    }

    /// <summary>Why the job cannot take this step; null when it can.</summary>
    private string? WhyNot(SlimJob job)
    {
        if (JobStatusDeriver.HasEnded(job))
        {
            return "it has ended";
        }

        if (KueueLookup.QueueOf(job) is { } queue)
        {
            return $"it is in Kueue queue '{queue}', which suspends and resumes it";
        }

        var suspended = job.Spec?.Suspend == true;
        return suspend == suspended ? $"it is {(suspended ? "suspended" : "not suspended")} already" : null;
    }

    private string Consequence(SlimJob job) =>
        suspend
            ? (job.Status?.Active ?? 0) > 0 ? $" (its {job.Status!.Active} running pod(s) are stopped; finished work is kept)" : string.Empty
            : " (its remaining pods start)";
}

/// <summary><c>jobman suspend</c>.</summary>
internal sealed class SuspendCommand(JobsApiFactory apis) : SuspensionCommand(apis, suspend: true)
{
    public override CommandSpec Spec { get; } = new("suspend", "Suspend a job (-j) or all your running jobman jobs (--all): stop its pods, keep its progress.")
    {
        Options = CommonOptions("suspend"),
    };
}

/// <summary><c>jobman resume</c>.</summary>
internal sealed class ResumeCommand(JobsApiFactory apis) : SuspensionCommand(apis, suspend: false)
{
    public override CommandSpec Spec { get; } = new("resume", "Resume a suspended job (-j) or all your suspended jobman jobs (--all).")
    {
        Options = CommonOptions("resume"),
    };
}
