using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Kubernetes;
using Jobman.Kubernetes.Names;
using Jobman.Plugins.KubernetesJobs.Cluster;

namespace Jobman.Plugins.KubernetesJobs.Commands;

/// <summary><c>jobman delete</c>: one job, or all jobman jobs after a confirmation. Pods go with their job.</summary>
internal sealed class DeleteCommand(JobsApiFactory apis) : ICommand
{
    private const int Parallelism = 4;

    public CommandSpec Spec { get; } = new("delete", "Delete a job (-j) or all your jobman jobs (--all), with their pods.")
    {
        Options =
        [
            OptionSpec.Value("job-name", "NAME", "The job to delete.", 'j'),
            OptionSpec.Flag("all", "Delete every job created by jobman in the namespace (asks first)."),
            OptionSpec.Flag("yes", "Do not ask for confirmation with --all.", 'y'),
            .. KubernetesOptions.All,
        ],
        ExtendedHelp = """

            With --all, jobman lists the jobs and asks before deleting. Answering no deletes nothing and exits with
            code 1. Each delete names the exact job that was listed (its uid): a job replaced by another of the same
            name meanwhile is skipped and reported. Exit code 1 also when any deletion failed (each is reported).
            """,
    };

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var name = BulkConfirmation.OneOrAll(invocation, "delete");

        var api = apis.Connect(invocation);
        using var connection = api.Connection;
        var output = invocation.Output;
        if (name is { } single)
        {
            // Read first: the delete carries the uid read here, so it never reaches a job created meanwhile.
            var job = await api.GetJobAsync(single, cancellationToken).ConfigureAwait(false);
            await api.DeleteJobAsync(single, job.Metadata?.Uid ?? throw api.NotFound(single), cancellationToken).ConfigureAwait(false);
            output.WriteLine($"job '{single}' deleted from namespace '{api.Namespace}'");
            return ExitCodes.Success;
        }

        var shown = (await api.ListJobsAsync(allJobs: false, cancellationToken).ConfigureAwait(false)).Items
            .Where(j => j.Metadata?.Name is not null && j.Metadata.Uid is not null)
            .Select(j => (Name: j.Metadata!.Name!, Uid: j.Metadata.Uid!))
            .OrderBy(j => j.Name, StringComparer.Ordinal)
            .ToList();
        if (shown.Count == 0)
        {
            output.WriteLine($"no jobman jobs to delete in namespace '{api.Namespace}'");
            return ExitCodes.Success;
        }

        if (!BulkConfirmation.Ask(
                invocation,
                output,
                $"{shown.Count} jobman job(s) in namespace '{api.Namespace}' will be deleted:",
                shown.Select(job => job.Name),
                $"delete these {shown.Count} job(s)?",
                "nothing deleted"))
        {
            return ExitCodes.Failed;
        }

        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(shown, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (job, ct) =>
        {
            try
            {
                // Names came from the server; parsed like typed names so nothing unchecked reaches a URL.
                await api.DeleteJobAsync(JobName.Parse(job.Name, "the job list"), job.Uid, ct).ConfigureAwait(false);
            }
            catch (KubernetesApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Already gone (deleted meanwhile, or by its TTL): that is what was asked.
            }
            catch (JobmanException ex)
            {
                failures[job.Name] = ex.Message;
            }
        }).ConfigureAwait(false);

        foreach (var job in shown)
        {
            if (failures.TryGetValue(job.Name, out var message))
            {
                output.Warn($"job '{job.Name}' not deleted: {message}");
            }
            else
            {
                output.WriteLine($"job '{job.Name}' deleted");
            }
        }

        if (failures.IsEmpty)
        {
            return ExitCodes.Success;
        }

        throw new JobmanException($"{failures.Count} of {shown.Count} job(s) could not be deleted");
    }
}
