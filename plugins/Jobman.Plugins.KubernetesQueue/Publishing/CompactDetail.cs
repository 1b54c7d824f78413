namespace Jobman.Plugins.KubernetesQueue.Publishing;

/// <summary>How much detail a compact document keeps; each step down is smaller.</summary>
/// <param name="TimeResolutionSeconds">Pending jobs' creation times are rounded down to this many seconds.</param>
/// <param name="KeepPendingTimes">False: only counts, so readers cannot compute positions.</param>
/// <param name="KeepNamespaces">False: one row per group with namespace <c>*</c>, so readers cannot count their own jobs.</param>
internal sealed record CompactDetail(int TimeResolutionSeconds, bool KeepPendingTimes, bool KeepNamespaces);
