using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Core.Flavors;
using Jobman.Kubernetes;
using Jobman.Kubernetes.Names;
using Jobman.Plugins.KubernetesJobs.Arrays;
using Jobman.Plugins.KubernetesJobs.Cluster;
using Jobman.Plugins.KubernetesJobs.History;
using Jobman.Plugins.KubernetesJobs.Rerun;
using Jobman.Plugins.KubernetesJobs.Status;
using Jobman.Plugins.KubernetesJobs.Submit;
using k8s.Models;

namespace Jobman.Plugins.KubernetesJobs.Commands;

/// <summary><c>jobman rerun</c>: a new job from a finished one, with changes, or only an array's unfinished tasks.</summary>
internal sealed class RerunCommand(
    JobsApiFactory apis,
    ResourceFlavorCatalog flavors,
    JobTimings timings,
    IEnumerable<IImageCheck> imageChecks,
    JobJournalHook journal) : ICommand
{
    /// <summary>How many taken names (<c>-r1</c>, <c>-r2</c>, ...) are skipped before giving up.</summary>
    private const int NameAttempts = 20;

    public CommandSpec Spec { get; } = new("rerun", "Run a finished job again as a new job (same image, flavor and command unless changed).")
    {
        AcceptsCommandArguments = true,
        OutputFormats = [OutputFormat.Yaml, OutputFormat.Json],
        Options =
        [
            new OptionSpec("job-name", "The finished job to run again.") { ShortName = 'j', ValueName = "NAME", Required = true },
            OptionSpec.Value("name", "NAME", "Name of the new job (default: the old name with -r1, -r2, ...)."),
            OptionSpec.Flag("failed-indexes", "For arrays: run only the tasks that did not succeed (failed, or never ran), each with its task id and sweep row."),
            OptionSpec.Value("image", "IMAGE", "Another image NAME[:TAG] (job.imagePrefix is prepended).", 'i'),
            OptionSpec.Value("resources-flavor", "FLAVOR", "Another resources flavor: name, inline JSON or a JSON file.", 'r'),
            OptionSpec.Many("env", "VAR", "Set an environment variable NAME=VALUE (repeatable; replaces one of the same name).", 'e'),
            OptionSpec.Many("label", "LABEL", "Add or change a label KEY=VALUE (repeatable)."),
            OptionSpec.Value("retries", "N", "Retries of the new job (backoffLimit; for arrays each task's, backoffLimitPerIndex)."),
            OptionSpec.Flag("command", "The tokens after '--' replace the container command (ENTRYPOINT) instead of its arguments.", 'c'),
            OptionSpec.Flag("no-image-check", "Do not ask the configured image registries whether a new image exists."),
            OptionSpec.Flag("dry-run", "Print the new Job manifest (YAML, or JSON with -o json) without creating it."),
            OptionSpec.Flag("wait", "Wait for the new job to end: exit 0 when it succeeded, 1 when it failed."),
            .. KubernetesOptions.All,
        ],
        ExtendedHelp = """

            The new job is a copy of the old one as the cluster has it (also jobs made by kubectl or jobman 1.3.x),
            without what Kubernetes generated (uid, selector, controller labels, status). It records the job it
            re-runs (annotation jobman.io/rerun-of); 'jobman details' shows the chain.

            Examples:
              jobman rerun -j train-7
              jobman rerun -j train-7 -r small-gpu -e EPOCHS=20
              jobman rerun -j sweep-3 --failed-indexes
            """,
    };

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var oldName = JobName.Required(invocation);
        var newName = invocation.Value("name") is { } chosen ? JobName.Parse(chosen, "--name") : (JobName?)null;
        var settings = invocation.Settings.Job;
        var failedOnly = invocation.Has("failed-indexes");
        var image = invocation.Value("image") is { } imageText ? SubmitArguments.Image(imageText, null, settings.ImagePrefix) : null;
        var overrides = new RerunOverrides
        {
            Image = image,
            FlavorAnnotationKey = settings.Resources.Label,
            Environment = SubmitArguments.Environment(invocation.Values("env")),
            Labels = invocation.Values("label").Select(LabelRules.Parse).ToList(),
            Command = invocation.CommandArguments,
            ReplaceEntrypoint = invocation.Has("command"),
            Retries = SubmitArguments.NonNegativeInt(invocation.Value("retries"), "--retries"),
        };
        if (invocation.Value("resources-flavor") is { } flavorText)
        {
            var flavor = await flavors.ResolveAsync(flavorText, Core.Commands.ClusterTarget.From(invocation), cancellationToken).ConfigureAwait(false);
            JobManifestBuilder.ValidateFlavor(flavor);
            overrides = overrides with { Flavor = flavor };
        }

        foreach (var check in image is null || invocation.Has("no-image-check") ? [] : imageChecks)
        {
            await check.CheckAsync(image!, cancellationToken).ConfigureAwait(false);
        }

        var api = apis.Connect(invocation);
        using var connection = api.Connection;
        var output = invocation.Output;
        var old = await api.GetJobObjectAsync(oldName, cancellationToken).ConfigureAwait(false);
        if (!JobStatusDeriver.HasEnded(old.View))
        {
            var state = JobStatusDeriver.Derive(old.View, []);
            throw new JobmanException($"job '{oldName}' has not ended (status {state.Status}); rerun copies finished jobs: wait for it, or delete it and submit again");
        }

        var array = ArrayStatus.Of(old.View);
        if (failedOnly && array is null)
        {
            throw JobmanException.Usage($"--failed-indexes is for job arrays; job '{oldName}' is not one");
        }

        var target = newName ?? await FreeNameAsync(api, oldName, cancellationToken).ConfigureAwait(false);
        var job = RerunManifest.From(old.Json, target.Value);
        var hadTable = ArrayManifest.HasTable(job);
        ArrayManifest.Unwrap(job);
        overrides.ApplyTo(job);
        RerunChain.Record(job.Metadata.Annotations, oldName.Value, old.View.Metadata?.Annotations);
        V1ConfigMap? table = null;
        if (array is not null)
        {
            var oldTable = hadTable ? await ReadTableAsync(api, oldName, cancellationToken).ConfigureAwait(false) : null;
            if (RerunArrayPlanner.Plan(old.View, array, oldTable, failedOnly, overrides.Retries) is not { } plan)
            {
                output.WriteLine($"every task of job '{oldName}' succeeded; nothing to re-run");
                return ExitCodes.Success;
            }

            table = ArrayManifest.Apply(job, plan);
        }

        if (invocation.Has("dry-run"))
        {
            output.WriteData(ArrayManifest.DryRunDocument(job, table));
            return ExitCodes.Success;
        }

        var created = await new ArrayJobCreator(api, output).CreateAsync(job, table, cancellationToken).ConfigureAwait(false);
        var flavorName = JobSummary.FlavorOf(old.View, settings.Resources.Label);
        var shownFlavor = overrides.Flavor ?? new ResourceFlavor(flavorName == "-" ? string.Empty : flavorName, null, new Dictionary<string, string>(), new Dictionary<string, string>(), "rerun");
        journal.Seen(JobSightings.Submitted(api.Connection.Server, KubernetesOptions.From(invocation).Context, created, shownFlavor, queued: created.Spec.Suspend == true));
        var what = array is null ? string.Empty : $" ({created.Spec.Completions} task(s))";
        output.WriteLine($"job '{target}' created in namespace '{api.Namespace}'{what}, re-running '{oldName}'");
        if (!invocation.Has("wait"))
        {
            output.Info($"see it with 'jobman details -j {target}'");
            return ExitCodes.Success;
        }

        var final = await new JobWaiter(api, timings, journal).WaitAsync(target, timeout: null, cancellationToken).ConfigureAwait(false);
        var (line, code) = JobWaiter.Describe(target.Value, final);
        output.WriteLine(line);
        return code;
    }

    private static async Task<JobName> FreeNameAsync(JobsApi api, JobName oldName, CancellationToken cancellationToken)
    {
        foreach (var candidate in RerunNames.Candidates(oldName.Value).Take(NameAttempts))
        {
            var name = JobName.Parse(candidate, "the rerun name");
            if (await api.FindJobAsync(name, cancellationToken).ConfigureAwait(false) is null)
            {
                return name;
            }
        }

        throw JobmanException.Usage($"the next {NameAttempts} rerun names of '{oldName}' are taken; choose one with --name");
    }

    private static async Task<IReadOnlyDictionary<string, string>> ReadTableAsync(JobsApi api, JobName oldName, CancellationToken cancellationToken)
    {
        var name = ArrayKeys.TableName(oldName.Value);
        var map = await api.TryGetConfigMapAsync(ObjectName.Parse(name, "ConfigMap", "the job's task table"), cancellationToken).ConfigureAwait(false);
        return map?.Data is { } data
            ? new Dictionary<string, string>(data, StringComparer.Ordinal)
            : throw new JobmanException($"the task table of job '{oldName}' (ConfigMap '{name}') is gone, so its tasks' variables are unknown; submit the array again");
    }
}
