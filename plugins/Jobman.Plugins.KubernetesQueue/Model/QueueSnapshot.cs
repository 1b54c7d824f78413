namespace Jobman.Plugins.KubernetesQueue.Model;

/// <summary>What a queue ConfigMap says, whichever publisher wrote it.</summary>
/// <param name="Updated">When the publisher ran, or null when the document does not say.</param>
/// <param name="Cohorts">All jobs, as cohorts.</param>
/// <param name="Form">Which shape was read (for messages and JSON output).</param>
internal sealed record QueueSnapshot(DateTimeOffset? Updated, IReadOnlyList<QueueCohort> Cohorts, QueueForm Form)
{
    /// <summary>Seconds the compact form rounded creation times to (1 = exact); positions are approximate above 1.</summary>
    public int TimeResolutionSeconds { get; init; } = 1;

    /// <summary>False when the compact form dropped the pending jobs' creation times (positions unknown).</summary>
    public bool HasPendingTimes { get; init; } = true;

    /// <summary>False when the compact form merged namespaces (per-user counts unknown).</summary>
    public bool HasNamespaces { get; init; } = true;
}
