using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>
/// Kueue's queue manager view of the store (callers hold the store's gate): which ClusterQueue a workload's
/// LocalQueue feeds, and each ClusterQueue's pending workloads in admission order (priority, then creation).
/// </summary>
internal sealed class KueueQueues(ClusterStore store)
{
    public JsonObject? LocalQueueOf(JsonObject workload) =>
        WorkloadState.QueueName(workload) is { } queue ? store.Live(ResourceType.LocalQueues, KubeObjects.Namespace(workload), queue) : null;

    public string? ClusterQueueNameOf(JsonObject workload) =>
        LocalQueueOf(workload) is { } localQueue ? KubeObjects.Str(localQueue["spec"]?["clusterQueue"]) : null;

    /// <summary>Pending workloads whose LocalQueue feeds <paramref name="clusterQueue"/>, head first.</summary>
    public List<JsonObject> Pending(string clusterQueue) =>
        store.LiveAll(ResourceType.Workloads, null)
            .Where(w => WorkloadState.IsPending(w) && ClusterQueueNameOf(w) == clusterQueue)
            .OrderByDescending(WorkloadState.Priority)
            .ThenBy(store.CreatedRevision)
            .ToList();

    public IEnumerable<JsonObject> Running(string clusterQueue) =>
        store.LiveAll(ResourceType.Workloads, null).Where(w => WorkloadState.IsRunning(w) && WorkloadState.AdmittedTo(w) == clusterQueue);

    public FlavorUsage Usage(string clusterQueue)
    {
        var usage = new FlavorUsage();
        foreach (var workload in Running(clusterQueue))
        {
            WorkloadState.AddUsage(workload, usage);
        }

        return usage;
    }
}
