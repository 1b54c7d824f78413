using System.Globalization;
using System.Text.Json;
using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Core.Flavors;
using Jobman.Core.Hosting;
using Jobman.Kubernetes;
using Jobman.Plugins.KubernetesJobs.Arrays;
using Jobman.Plugins.KubernetesJobs.Cluster;
using Jobman.Plugins.KubernetesJobs.History;
using Jobman.Plugins.KubernetesJobs.Logs;
using Jobman.Plugins.KubernetesJobs.Submit;

namespace Jobman.Plugins.KubernetesJobs.Commands;

/// <summary><c>jobman submit</c>: creates a Kubernetes Job from an image, a resources flavor and a command.</summary>
internal sealed class SubmitCommand(
    JobsApiFactory apis,
    ResourceFlavorCatalog flavors,
    JobmanEnvironment environment,
    JobTimings timings,
    IEnumerable<IImageCheck> imageChecks,
    JobJournalHook journal) : ICommand
{
    public CommandSpec Spec { get; } = new("submit", "Submit a job: run an image with a resources flavor on the cluster.")
    {
        AcceptsCommandArguments = true,
        OutputFormats = [OutputFormat.Yaml, OutputFormat.Json],
        Options =
        [
            OptionSpec.Value("image", "IMAGE", "Container image NAME[:TAG] (default: settings job.defaultImage; job.imagePrefix is prepended).", 'i'),
            OptionSpec.Value("resources-flavor", "FLAVOR", "Predefined flavor name, inline JSON or a JSON file (default: settings job.resources.default).", 'r'),
            OptionSpec.Value("job-name", "NAME", "Job name: lowercase letters, digits and '-', at most 63 (default: jobman-<random>).", 'j'),
            OptionSpec.Value("annotations", "JSON", "Extra annotations as a JSON object, e.g. '{\"team\":\"vision\"}'.", 'a'),
            OptionSpec.Many("env", "VAR", "Environment variable NAME=VALUE for the container (repeatable).", 'e'),
            OptionSpec.Flag("command", "Run the tokens after '--' as the container command (replacing the image ENTRYPOINT) instead of its arguments.", 'c'),
            OptionSpec.Flag("dry-run", "Print the Job manifest (YAML, or JSON with -o json) without sending anything."),
            OptionSpec.Flag("no-image-check", "Do not ask the configured image registries whether the image and tag exist."),
            OptionSpec.Value("ttl", "SECONDS", "Delete the finished job after this time (ttlSecondsAfterFinished; also 10m, 1h)."),
            OptionSpec.Value("deadline", "SECONDS", "Fail the job when it runs longer than this (activeDeadlineSeconds; also 30m, 2h)."),
            OptionSpec.Value("retries", "N", "How many times a failed pod is retried (backoffLimit; default 0); in an array, each task's retries (backoffLimitPerIndex)."),
            .. ArrayArguments.Options,
            OptionSpec.Many("label", "LABEL", "Extra label KEY=VALUE for the job and its pod (repeatable)."),
            OptionSpec.Value("queue", "LOCALQUEUE", "Kueue LocalQueue of your namespace to submit to (default: settings job.queue); the job waits, suspended, until Kueue admits it."),
            OptionSpec.Value("priority", "CLASS", "Kueue WorkloadPriorityClass of the job (needs a queue)."),
            OptionSpec.Flag("wait", "Wait for the job to end: exit 0 when it succeeded, 1 when it failed."),
            OptionSpec.Flag("follow", "Stream the job's log until it ends, then exit 0 when it succeeded, 1 when it failed."),
            .. KubernetesOptions.All,
        ],
        ExtendedHelp = """

            Examples:
              jobman submit -i busybox -r no-gpu -- echo hello
              jobman submit -i trainer:1.2 -j train-1 -e EPOCHS=10 --deadline 2h --follow -- python train.py
              jobman submit -i busybox --dry-run -o json -- sh -c 'date'
              jobman submit -i trainer:1.2 --array 0-99%8 --retries 2 -- python train.py   # task id in $JOBMAN_ARRAY_TASK_ID
              jobman submit -i trainer:1.2 --sweep grid.csv --array %4 -- python train.py    # columns as variables
            """,
    };

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var settings = invocation.Settings.Job;
        var output = invocation.Output;

        // Everything the user typed is checked before the first request.
        var name = Jobman.Kubernetes.Names.JobName.From(invocation) ?? Jobman.Kubernetes.Names.JobName.Parse(JobNames.Generate());
        var selection = KubernetesOptions.From(invocation);
        var userConfigMap = settings.UserConfigmap is { Length: > 0 } configMapText
            ? Jobman.Kubernetes.Names.ObjectName.Parse(configMapText, "ConfigMap", "settings job.userConfigmap")
            : (Jobman.Kubernetes.Names.ObjectName?)null;
        var env = SubmitArguments.Environment(invocation.Values("env"));
        var annotations = SubmitArguments.SettingsAnnotations(settings.Annotations, environment);
        annotations.AddRange(SubmitArguments.Annotations(invocation.Value("annotations")));
        var labels = invocation.Values("label").Select(LabelRules.Parse).ToList();
        var (queue, priority) = KueueArguments.Parse(invocation.Value("queue"), settings.Queue, invocation.Value("priority"));
        var ttl = Seconds(invocation.Value("ttl"), "--ttl", allowZero: true);
        var deadline = Seconds(invocation.Value("deadline"), "--deadline", allowZero: false);
        var retries = SubmitArguments.NonNegativeInt(invocation.Value("retries"), "--retries") ?? 0;
        var arrayPlan = ArrayArguments.Parse(invocation, retries);
        var dryRun = invocation.Has("dry-run");
        var image = SubmitArguments.Image(invocation.Value("image"), settings.DefaultImage, settings.ImagePrefix);
        var securityContext = SecurityContextJson(invocation.Settings);
        var flavor = await flavors.ResolveAsync(invocation.Value("resources-flavor"), Core.Commands.ClusterTarget.From(invocation), cancellationToken).ConfigureAwait(false);
        JobManifestBuilder.ValidateFlavor(flavor);
        if (settings.Resources.Label is { } flavorKey)
        {
            LabelRules.ValidateKey(flavorKey, "settings job.resources.label");
        }

        foreach (var check in invocation.Has("no-image-check") ? [] : imageChecks)
        {
            await check.CheckAsync(image, cancellationToken).ConfigureAwait(false);
        }

        JobsApi? api = null;
        string ns;
        try
        {
            api = apis.Connect(invocation);
            ns = api.Namespace;
        }
        catch (JobmanException) when (dryRun)
        {
            // A dry run sends nothing, so it works without a cluster: the namespace is only written into the manifest.
            ns = selection.Namespace ?? "default";
        }

        using var connection = api?.Connection;
        long? gid = null;
        if (userConfigMap is { } configMap)
        {
            if (dryRun || api is null)
            {
                output.Info($"dry run: supplementalGroups from ConfigMap '{configMap}' (ceph.gid) are not looked up");
            }
            else
            {
                gid = await ReadGidAsync(api, configMap, output, cancellationToken).ConfigureAwait(false);
            }
        }

        var job = JobManifestBuilder.Build(new JobRequest(name.Value, ns, image, flavor)
        {
            Command = invocation.CommandArguments,
            ReplaceEntrypoint = invocation.Has("command"),
            Environment = env,
            Annotations = annotations,
            Labels = labels,
            FlavorAnnotationKey = settings.Resources.Label,
            BackoffLimit = retries,
            TtlSecondsAfterFinished = ttl is null ? null : (int)ttl.Value,
            ActiveDeadlineSeconds = deadline,
            PriorityClassName = settings.PriorityClassName,
            KueueQueue = queue,
            KueuePriority = priority,
            SecurityContextJson = securityContext,
            SupplementalGroup = gid,
        });

        var table = arrayPlan is null ? null : ArrayManifest.Apply(job, arrayPlan);
        if (dryRun)
        {
            output.WriteData(ArrayManifest.DryRunDocument(job, table));
            return ExitCodes.Success;
        }

        if (queue is not null)
        {
            await KueueQuotaCheck.CheckAsync(api!.Kueue, queue, flavor, cancellationToken).ConfigureAwait(false);
        }

        var created = await new ArrayJobCreator(api!, output).CreateAsync(job, table, cancellationToken).ConfigureAwait(false);
        journal.Seen(JobSightings.Submitted(api!.Connection.Server, selection.Context, created, flavor, queued: queue is not null));
        output.WriteLine($"job '{name}' created in namespace '{ns}'");
        output.Info($"image '{image}', flavor '{(flavor.Name.Length > 0 ? flavor.Name : "custom")}'");
        if (arrayPlan is not null)
        {
            output.Info($"array of {arrayPlan.Array.TaskIds.Count} task(s) ({arrayPlan.Array.IdsText}), at most {job.Spec.Parallelism} at once; see each task with 'jobman details -j {name}'");
        }

        var follow = invocation.Has("follow");
        if (!follow && !invocation.Has("wait"))
        {
            output.Info($"follow its log with 'jobman logs -j {name} -f'; see its status with 'jobman list'");
            return ExitCodes.Success;
        }

        if (follow)
        {
            await new JobLogReader(api, timings, output, journal).RunAsync(name, new LogRequest { Follow = true }, allPods: false, cancellationToken, keepCopy: true).ConfigureAwait(false);
        }

        var state = await new JobWaiter(api, timings, journal).WaitAsync(name, timeout: null, cancellationToken).ConfigureAwait(false);
        // An array's logs are many pods' (reading them all would cost a request per task): only single jobs keep a copy.
        if (!follow && journal.Journal is not null && arrayPlan is null)
        {
            await KeepLogAsync(api, name, cancellationToken).ConfigureAwait(false);
        }

        var (line, code) = JobWaiter.Describe(name.Value, state);
        if (follow)
        {
            output.Info(line);
        }
        else
        {
            output.WriteLine(line);
        }

        return code;
    }

    /// <summary>Reads the ended job's log only to keep its copy; a log that cannot be read is simply not kept.</summary>
    private async Task KeepLogAsync(JobsApi api, Jobman.Kubernetes.Names.JobName name, CancellationToken cancellationToken)
    {
        try
        {
            await new JobLogReader(api, timings, new SilentOutput(), journal).RunAsync(name, new LogRequest(), allPods: false, cancellationToken, keepCopy: true).ConfigureAwait(false);
        }
        catch (JobmanException)
        {
            // The job's result is what --wait reports; its log copy is a bonus.
        }
    }

    private static long? Seconds(string? value, string option, bool allowZero)
    {
        if (value is null)
        {
            return null;
        }

        var seconds = (long)DurationText.Parse(value, option).TotalSeconds;
        if (seconds > int.MaxValue || (!allowZero && seconds == 0))
        {
            throw JobmanException.Usage($"{option} '{value}' is out of range");
        }

        return seconds;
    }

    private static string? SecurityContextJson(Jobman.Core.Settings.JobmanSettings settings)
    {
        var node = settings.Get("job.securityContext");
        if (node is null)
        {
            return null;
        }

        k8s.Models.V1PodSecurityContext context;
        var json = node.ToJsonString();
        try
        {
            context = k8s.KubernetesJson.Deserialize<k8s.Models.V1PodSecurityContext>(json);
        }
        catch (JsonException ex)
        {
            throw JobmanException.Usage($"settings job.securityContext is not a valid pod securityContext: {ex.Message}", ex);
        }

        // The kubelet refuses this pod only when it starts the container (CreateContainerConfigError): say it now.
        if (context?.RunAsNonRoot == true && context.RunAsUser == 0)
        {
            throw JobmanException.Usage($"settings job.securityContext asks for runAsNonRoot: true with runAsUser: 0 (root), which Kubernetes refuses to start; set a non-zero runAsUser or drop runAsNonRoot (from {string.Join(", ", settings.Sources)})");
        }

        return json;
    }

    private static async Task<long?> ReadGidAsync(JobsApi api, Jobman.Kubernetes.Names.ObjectName configMap, Jobman.Core.Output.IOutput output, CancellationToken cancellationToken)
    {
        var map = await api.TryGetConfigMapAsync(configMap, cancellationToken).ConfigureAwait(false);
        if (map is null)
        {
            output.Warn($"ConfigMap '{configMap}' (settings job.userConfigmap) not found in namespace '{api.Namespace}': supplementalGroups left as in settings");
            return null;
        }

        if (map.Data is null || !map.Data.TryGetValue("ceph.gid", out var text))
        {
            output.Warn($"ConfigMap '{configMap}' has no 'ceph.gid' entry: supplementalGroups left as in settings");
            return null;
        }

        if (!long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var gid))
        {
            output.Warn($"ConfigMap '{configMap}' entry 'ceph.gid' is not a number ('{text}'): supplementalGroups left as in settings");
            return null;
        }

        return gid;
    }
}
