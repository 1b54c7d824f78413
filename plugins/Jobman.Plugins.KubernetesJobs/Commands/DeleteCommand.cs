using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Kubernetes;
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
            code 1. Exit code 1 also when any deletion failed (each failure is reported).
            """,
    };

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var name = invocation.Value("job-name");
        var all = invocation.Has("all");
        if (all == (name is not null))
        {
            throw JobmanException.Usage(all
                ? "use either -j/--job-name or --all, not both"
                : "say which job to delete with -j/--job-name NAME, or --all for all your jobman jobs");
        }

        var api = apis.Connect(invocation);
        using var connection = api.Connection;
        var output = invocation.Output;
        if (name is not null)
        {
            await api.DeleteJobAsync(name, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"job '{name}' deleted from namespace '{api.Namespace}'");
            return ExitCodes.Success;
        }

        var names = (await api.ListJobsAsync(allJobs: false, cancellationToken).ConfigureAwait(false)).Items
            .Select(j => j.Metadata?.Name).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            output.WriteLine($"no jobman jobs to delete in namespace '{api.Namespace}'");
            return ExitCodes.Success;
        }

        output.Info($"{names.Count} jobman job(s) in namespace '{api.Namespace}' will be deleted:");
        foreach (var job in names)
        {
            output.Info($"  {job}");
        }

        if (!invocation.Has("yes") && !output.Confirm($"delete these {names.Count} job(s)?"))
        {
            output.Info("nothing deleted");
            return ExitCodes.Failed;
        }

        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (job, ct) =>
        {
            try
            {
                await api.DeleteJobAsync(job, ct).ConfigureAwait(false);
            }
            catch (JobmanException ex) when (!JobsApi.IsStatus(ex, System.Net.HttpStatusCode.NotFound))
            {
                failures[job] = ex.Message;
            }
            catch (JobmanException)
            {
                // Already gone (deleted meanwhile, or by its TTL): that is what was asked.
            }
        }).ConfigureAwait(false);

        foreach (var job in names)
        {
            if (failures.TryGetValue(job, out var message))
            {
                output.Warn($"job '{job}' not deleted: {message}");
            }
            else
            {
                output.WriteLine($"job '{job}' deleted");
            }
        }

        if (failures.IsEmpty)
        {
            return ExitCodes.Success;
        }

        throw new JobmanException($"{failures.Count} of {names.Count} job(s) could not be deleted");
    }
}
