using Jobman.Kubernetes.Kueue;

namespace Jobman.Plugins.KubernetesQueue.Kueue;

/// <summary>
/// One LocalQueue of the user's namespace with what can be read about it: its own counts and usage (always readable
/// by the namespace's users), its ClusterQueue's quota and counts (often admin-only: null then), and the
/// ClusterQueue positions of its waiting workloads (visibility API; null when unavailable).
/// </summary>
internal sealed record KueueQueueRow(KueueLocalQueue LocalQueue, KueueClusterQueue? ClusterQueue, IReadOnlyList<KueuePendingWorkload>? Pending);
