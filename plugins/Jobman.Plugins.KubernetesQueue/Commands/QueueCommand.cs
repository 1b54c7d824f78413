using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Kubernetes;
using Jobman.Plugins.KubernetesQueue.Reporting;

namespace Jobman.Plugins.KubernetesQueue.Commands;

/// <summary><c>jobman queue</c>: pending and running jobs per flavor, yours, and your jobs' places in line.</summary>
internal sealed class QueueCommand(ClusterConnector connector, QueueConfigMapReader reader, TimeProvider clock) : ICommand
{
    public CommandSpec Spec { get; } = new("queue", "Show the cluster's job queue per flavor: pending, running, yours, and your pending jobs' places in line.")
    {
        Options = KubernetesOptions.All,
        OutputFormats = [OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml],
        ExtendedHelp = """

            The queue is read from the ConfigMap named by settings jobsQueue.configmap in namespace jobsQueue.namespace,
            written every few minutes by 'jobman queue publish' (a CronJob, see deploy/). Jobs are grouped by flavor,
            or by CPU/memory/GPU when they have none (GPU = sum of the requests named in jobsQueue.gpuResources).
            MINE counts the jobs of your namespace (the kubeconfig context's, or -n); MY POSITIONS are your pending
            jobs' places in line among the pending jobs of the same row, oldest first.
            A warning is printed when the data is older than 10 minutes.
            """,
    };

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        using var connection = connector.Connect(KubernetesOptions.From(invocation));
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
