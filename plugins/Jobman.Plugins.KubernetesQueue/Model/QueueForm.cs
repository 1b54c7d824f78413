namespace Jobman.Plugins.KubernetesQueue.Model;

/// <summary>The shape of the queue document.</summary>
internal enum QueueForm
{
    /// <summary>A <c>jobs</c> list with one entry per job (original 1.2.x/1.3.16, or this publisher below the budget).</summary>
    Full,

    /// <summary>This publisher's aggregated <c>summary</c> form for queues too large for a ConfigMap.</summary>
    Compact,
}
