using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Kubernetes;
using Jobman.Kubernetes.Kueue;
using Jobman.Plugins.KubernetesQueue.Kueue;
using Jobman.Plugins.KubernetesQueue.Reporting;

namespace Jobman.Plugins.KubernetesQueue.Commands;

/// <summary><c>jobman queue</c>: pending and running jobs per flavor, yours, and your jobs' places in line.</summary>
internal sealed class QueueCommand(ClusterConnector connector, QueueConfigMapReader reader, KubernetesRetry retry, TimeProvider clock) : ICommand
{
    public CommandSpec Spec { get; } = new("queue", "Show the cluster's job queue per flavor: pending, running, yours, and your pending jobs' places in line.")
    {
        Options = KubernetesOptions.All,
        OutputFormats = [OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml],
        ExtendedHelp = """

            On a cluster with Kueue, when your namespace has LocalQueues, the queue comes from Kueue itself: per
            LocalQueue its ClusterQueue's pending and admitted workloads, yours, your waiting jobs' places in line
            (Kueue's visibility API), and quota and usage per flavor and resource. What you may not read (a
            ClusterQueue is often admin-only) shows as ? with a note. No publisher is needed then.

            Otherwise the queue is read from the ConfigMap named by settings jobsQueue.configmap in namespace jobsQueue.namespace,
            written every few minutes by 'jobman queue publish' (a CronJob, see deploy/). Jobs are grouped by flavor,
            or by CPU/memory/GPU when they have none (GPU = sum of the requests named in jobsQueue.gpuResources).
            MINE counts the jobs of your namespace (the kubeconfig context's, or -n); MY POSITIONS are your pending
            jobs' places in line among the pending jobs of the same row, oldest first.
            A warning is printed when the data is older than 10 minutes.
            """,
    };

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        // Settings that name URL segments are checked before the first request, whichever view is shown.
        _ = QueueConfigMapReader.QueueLocation(invocation.Settings.JobsQueue);
        using var connection = connector.Connect(KubernetesOptions.From(invocation));
        var kueue = new KueueApi(connection, retry);
        var localQueues = await kueue.ListLocalQueuesAsync(cancellationToken).ConfigureAwait(false);
        if (localQueues.Value is { Count: > 0 } queues)
        {
            var kueueReport = await KueueQueueReport.BuildAsync(kueue, queues, cancellationToken).ConfigureAwait(false);
            foreach (var note in kueueReport.Notes)
            {
                invocation.Output.Info(note);
            }

            if (invocation.Output.Format != OutputFormat.Table)
            {
                invocation.Output.WriteData(KueueQueueView.Data(kueueReport));
                return ExitCodes.Success;
            }

            invocation.Output.WriteResult(KueueQueueView.Queues(kueueReport), () => null);
            invocation.Output.WriteLine();
            invocation.Output.WriteResult(KueueQueueView.Flavors(kueueReport), () => null);
            return ExitCodes.Success;
        }

        if (localQueues.Unavailable is { } why && !localQueues.NotInstalled)
        {
            invocation.Output.Info($"Kueue: {why}; showing the published queue");
        }

        var queue = invocation.Settings.JobsQueue;
        var snapshot = await reader.ReadAsync(connection, queue, cancellationToken).ConfigureAwait(false);
        var report = QueueReport.Build(snapshot, connection.Namespace, queue.GpuResources, clock.GetUtcNow());

        foreach (var row in report.Rows.Where(r => r.HasConflict))
        {
            invocation.Output.Warn($"flavor '{row.Flavor}' is used with different resources: {string.Join(", ", row.ResourceVariants.Select(kv => $"{kv.Key} ({kv.Value} {(kv.Value == 1 ? "job" : "jobs")})"))}; its counts mix them");
        }

        if (report.IsStale)
        {
            invocation.Output.Warn(report.Age is { } age
                ? $"the queue data is stale (updated {QueueReportView.Ago(age)}): is the publisher CronJob ('jobman queue publish') running?"
                : "the queue data has no update time: it may be stale");
        }

        if (!snapshot.HasNamespaces || !snapshot.HasPendingTimes)
        {
            invocation.Output.Warn("the queue is so large that the publisher kept only counts: your jobs and positions are unknown (?)");
        }

        invocation.Output.WriteResult(QueueReportView.Table(report), () => QueueReportView.Data(report));
        return ExitCodes.Success;
    }
}
