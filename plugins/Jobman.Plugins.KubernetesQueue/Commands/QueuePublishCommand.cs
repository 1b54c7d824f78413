using System.Globalization;
using System.Text;
using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Kubernetes;
using Jobman.Plugins.KubernetesQueue.Model;
using Jobman.Plugins.KubernetesQueue.Publishing;

namespace Jobman.Plugins.KubernetesQueue.Commands;

/// <summary><c>jobman queue publish</c>: what the original CronJob script did, in two paged API calls.</summary>
internal sealed class QueuePublishCommand(
    ClusterConnector connector,
    ClusterJobScanner scanner,
    QueueConfigMapWriter writer,
    QueueDocumentBuilder builder,
    TimeProvider clock) : ICommand
{
    public const string NamespacePrefix = "namespace-prefix";
    public const string DryRun = "dry-run";

    /// <summary>The original CronJob's hard-coded annotation key, used when job.resources.label is not set.</summary>
    public const string DefaultFlavorKey = JobLabels.LegacyFlavorAnnotation;

    public CommandSpec Spec { get; } = new("publish", "Publish the cluster's active jobs to the queue ConfigMap (run by the queue CronJob).")
    {
        Parent = "queue",
        Options =
        [
            .. KubernetesOptions.All.Where(o => o.LongName != KubernetesOptions.Namespace),
            OptionSpec.Value(NamespacePrefix, "PREFIX", "Only jobs in namespaces starting with PREFIX (the original used 'user-')."),
            OptionSpec.Flag(DryRun, "Print the queue JSON instead of writing the ConfigMap."),
        ],
        ExtendedHelp = """

            Lists all jobs and all job pods of the cluster (paged, two list calls), keeps the unfinished jobs, derives
            each one's phase from its pods (Running if a pod runs, else Pending; Suspended for suspended jobs) and
            writes the ConfigMap jobsQueue.configmap in jobsQueue.namespace, data key = the ConfigMap name.
            The write is optimistic (resourceVersion, retried on 409 Conflict). Below ~960 KiB the document has one
            entry per job (readable by jobman 1.3.16); larger queues are written in the compact form.
            Needs cluster-wide list on jobs and pods and get/update/create on that ConfigMap (see deploy/).
            """,
    };

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var (queueNamespace, queueName) = QueueConfigMapReader.QueueLocation(invocation.Settings.JobsQueue);
        var selection = new ClusterSelection(invocation.Value(KubernetesOptions.Kubeconfig), invocation.Value(KubernetesOptions.Context), null);
        using var connection = connector.Connect(selection);
        var settings = invocation.Settings;
        var flavorKey = settings.Job.Resources.Label ?? DefaultFlavorKey;
        var prefix = invocation.Value(NamespacePrefix);

        var jobs = await scanner.ScanAsync(connection, flavorKey, string.IsNullOrEmpty(prefix) ? null : prefix, cancellationToken).ConfigureAwait(false);
        var document = builder.Build(jobs, clock.GetUtcNow());
        var json = Encoding.UTF8.GetString(document.Json);
        var summary = Summary(jobs, document);
        if (invocation.Has(DryRun))
        {
            invocation.Output.Out.WriteLine(json);
            invocation.Output.Info($"dry run: {summary}; nothing written");
            return ExitCodes.Success;
        }

        var queue = settings.JobsQueue;
        var result = await writer.WriteAsync(connection, queueNamespace.Value, queueName.Value, queue.Configmap, json, cancellationToken).ConfigureAwait(false);
        var verb = result.Created ? "created" : "updated";
        var retried = result.Attempts > 1 ? $" after {result.Attempts - 1} conflict(s)" : string.Empty;
        invocation.Output.WriteLine($"{verb} ConfigMap {queue.Namespace}/{queue.Configmap}{retried}: {summary}");
        return ExitCodes.Success;
    }

    private static string Summary(IReadOnlyList<QueueJob> jobs, QueueDocument document)
    {
        static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        var pending = jobs.Count(j => j.Phase == QueuePhases.Pending);
        var running = jobs.Count(j => j.Phase == QueuePhases.Running);
        var form = document.Detail switch
        {
            null => "full form",
            { KeepNamespaces: false } => "compact form, counts only",
            { KeepPendingTimes: false } => "compact form, no positions",
            { TimeResolutionSeconds: 1 } => "compact form",
            var d => $"compact form, times rounded to {N(d.TimeResolutionSeconds)}s",
        };
        return $"{N(jobs.Count)} active jobs ({N(pending)} pending, {N(running)} running), {form}, {N((document.Json.Length + 1023) / 1024)} KiB";
    }
}
