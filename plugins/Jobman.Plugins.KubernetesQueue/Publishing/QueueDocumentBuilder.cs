using Jobman.Core;
using Jobman.Plugins.KubernetesQueue.Model;

namespace Jobman.Plugins.KubernetesQueue.Publishing;

/// <summary>
/// Picks the most detailed form that fits the size budget (a ConfigMap holds at most 1 MiB): one entry per job
/// while it fits, else the compact form with exact creation times, then with creation times rounded to ever
/// coarser steps, then counts only, then counts with namespaces merged.
/// </summary>
internal sealed class QueueDocumentBuilder(int budgetBytes = QueueDocumentBuilder.DefaultBudgetBytes)
{
    /// <summary>1 MiB minus room for the ConfigMap's other keys and metadata.</summary>
    public const int DefaultBudgetBytes = 960 * 1024;

    private static readonly int[] Resolutions = [1, 60, 300, 900, 3600, 21600, 86400];

    public int BudgetBytes => budgetBytes;

    public QueueDocument Build(IReadOnlyList<QueueJob> jobs, DateTimeOffset updated)
    {
        // A full entry is at least ~150 bytes: skip serialising a form that cannot fit.
        if ((long)jobs.Count * 150 <= budgetBytes)
        {
            var full = FullQueueEncoder.Encode(jobs, updated);
            if (full.Length <= budgetBytes)
            {
                return new QueueDocument(full, QueueForm.Full, null);
            }
        }

        var steps = Resolutions.Select(r => new CompactDetail(r, true, true))
            .Append(new CompactDetail(1, false, true))
            .Append(new CompactDetail(1, false, false));
        foreach (var detail in steps)
        {
            var compact = CompactQueueEncoder.Encode(jobs, updated, detail);
            if (compact.Length <= budgetBytes)
            {
                return new QueueDocument(compact, QueueForm.Compact, detail);
            }
        }

        throw new JobmanException($"the queue of {jobs.Count} jobs does not fit in a ConfigMap even with counts only ({budgetBytes} bytes); too many distinct resource groups");
    }
}
