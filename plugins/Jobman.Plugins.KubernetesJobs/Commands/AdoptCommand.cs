using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Kubernetes;
using Jobman.Kubernetes.Names;
using Jobman.Plugins.KubernetesJobs.Cluster;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;
using Jobman.Plugins.KubernetesJobs.Status;

namespace Jobman.Plugins.KubernetesJobs.Commands;

/// <summary>
/// <c>jobman adopt</c>: puts jobman's label on jobs jobman did not label, so <c>list</c> and <c>delete --all</c>
/// manage them. Without <c>-j</c> it offers the jobs the original jobman 1.3.x created (no labels, a flavor
/// annotation) and asks first; with <c>-j</c> it adopts the named job, whoever created it.
/// </summary>
internal sealed class AdoptCommand(JobsApiFactory apis) : ICommand
{
    public CommandSpec Spec { get; } = new("adopt", "Let jobman manage jobs created by jobman 1.3.x (or -j: any job) by labelling them.")
    {
        Options =
        [
            OptionSpec.Value("job-name", "NAME", "Adopt this job, whoever created it.", 'j'),
            OptionSpec.Flag("yes", "Do not ask for confirmation.", 'y'),
            .. KubernetesOptions.All,
        ],
        ExtendedHelp = """

            Without -j, jobman lists the jobs of the namespace that the original jobman 1.3.x created (no labels, a
            flavor annotation: settings job.resources.label or chaimeleon.eu/jobResourcesFlavor) and asks before
            labelling them app.kubernetes.io/managed-by=jobman (and jobman.io/flavor). Only labels are added:
            nothing runs again. Answering no changes nothing and exits with code 1.
            """,
    };

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var api = apis.Connect(invocation);
        using var connection = api.Connection;
        var output = invocation.Output;
        var flavorKey = invocation.Settings.Job.Resources.Label;
        List<SlimJob> jobs;
        if (invocation.Value("job-name") is not null)
        {
            var name = JobName.Required(invocation);
            var job = await api.GetJobAsync(name, cancellationToken).ConfigureAwait(false);
            if (job.Metadata?.Labels?.GetValueOrDefault(JobLabels.ManagedBy) == JobLabels.ManagedByValue)
            {
                output.WriteLine($"job '{name}' is already managed by jobman");
                return ExitCodes.Success;
            }

            jobs = [job];
        }
        else
        {
            jobs = (await api.ListUnmanagedJobsAsync(cancellationToken).ConfigureAwait(false)).Items
                .Where(j => IsFromJobman1(j, flavorKey))
                .OrderBy(j => j.Metadata?.Name, StringComparer.Ordinal)
                .ToList();
            if (jobs.Count == 0)
            {
                output.WriteLine($"no jobs of jobman 1.x to adopt in namespace '{api.Namespace}'");
                return ExitCodes.Success;
            }

            if (!BulkConfirmation.Ask(
                    invocation,
                    output,
                    $"{jobs.Count} job(s) created by jobman 1.x in namespace '{api.Namespace}' will be labelled {JobLabels.ManagedSelector}:",
                    jobs.Select(job => $"{job.Metadata?.Name} (flavor {JobSummary.FlavorOf(job, flavorKey)})"),
                    $"adopt these {jobs.Count} job(s)?",
                    "nothing changed"))
            {
                return ExitCodes.Failed;
            }
        }

        var failed = 0;
        foreach (var job in jobs)
        {
            try
            {
                await api.AddJobLabelsAsync(job, LabelsFor(job, flavorKey), cancellationToken).ConfigureAwait(false);
                output.WriteLine($"job '{job.Metadata?.Name}' adopted");
            }
            catch (JobmanException ex) when (jobs.Count > 1)
            {
                output.Warn($"job '{job.Metadata?.Name}' not adopted: {ex.Message}");
                failed++;
            }
        }

        return failed == 0 ? ExitCodes.Success : throw new JobmanException($"{failed} of {jobs.Count} job(s) could not be adopted");
    }

    /// <summary>The shape jobman 1.3.x gave its jobs: no labels of their own, the flavor as an annotation.</summary>
    private static bool IsFromJobman1(SlimJob job, string? flavorKey)
    {
        var annotations = job.Metadata?.Annotations;
        return annotations is not null
            && new[] { flavorKey, JobLabels.LegacyFlavorAnnotation }.Any(k => k is not null && annotations.ContainsKey(k));
    }

    private static Dictionary<string, string> LabelsFor(SlimJob job, string? flavorKey)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { [JobLabels.ManagedBy] = JobLabels.ManagedByValue };
        var flavor = JobSummary.FlavorOf(job, flavorKey);
        if (flavor != "-" && LabelRules.IsValidValue(flavor))
        {
            labels[JobLabels.Flavor] = flavor;
        }

        return labels;
    }
}
