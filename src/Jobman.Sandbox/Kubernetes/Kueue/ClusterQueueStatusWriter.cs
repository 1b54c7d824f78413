using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>
/// ClusterQueue and LocalQueue status as Kueue keeps it: workload counts, <c>flavorsReservation</c>/<c>flavorsUsage</c>
/// per flavor and resource, and the <c>Active</c> condition with upstream's reasons. Written only when it changed.
/// </summary>
internal sealed class ClusterQueueStatusWriter(ClusterStore store, KueueQueues queues)
{
    /// <summary>Why the ClusterQueue cannot admit (the Active=False message), or null when it can.</summary>
    public static (string Reason, string Message)? InactiveReason(ClusterStore store, JsonObject clusterQueue, ClusterQueueQuota quota)
    {
        if (KubeObjects.Str(clusterQueue["spec"]?["stopPolicy"]) is { } stop && stop != "None")
        {
            return ("Stopped", "Can't admit new workloads: is stopped");
        }

        var missing = quota.Flavors.Where(f => store.Live(ResourceType.ResourceFlavors, null, f) is null).ToList();
        return missing.Count > 0
            ? ("FlavorNotFound", $"Can't admit new workloads: references missing ResourceFlavor(s): {string.Join(", ", missing)}")
            : null;
    }

    public void Write(DateTimeOffset now)
    {
        foreach (var clusterQueue in store.LiveAll(ResourceType.ClusterQueues, null).ToList())
        {
            WriteClusterQueue(clusterQueue, now);
        }

        foreach (var localQueue in store.LiveAll(ResourceType.LocalQueues, null).ToList())
        {
            WriteLocalQueue(localQueue, now);
        }
    }

    private void WriteClusterQueue(JsonObject clusterQueue, DateTimeOffset now)
    {
        var name = KubeObjects.Name(clusterQueue)!;
        var quota = ClusterQueueQuota.Of(clusterQueue);
        var running = queues.Running(name).ToList();
        var status = (KubeObjects.Child(clusterQueue, "status").DeepClone() as JsonObject)!;
        var before = status.ToJsonString();
        var usage = queues.Usage(name);
        status["flavorsReservation"] = Usage(quota, usage, withBorrowed: true);
        status["flavorsUsage"] = Usage(quota, usage, withBorrowed: true);
        status["pendingWorkloads"] = queues.Pending(name).Count;
        status["reservingWorkloads"] = running.Count;
        status["admittedWorkloads"] = running.Count(w => WorkloadConditions.IsTrue(w, "Admitted"));
        var inactive = InactiveReason(store, clusterQueue, quota);
        WorkloadConditions.Set(status, "Active", inactive is null, inactive?.Reason ?? "Ready", inactive?.Message ?? "Can admit new workloads", now,
            KubeObjects.Long(clusterQueue["metadata"]?["generation"]));
        Save(ResourceType.ClusterQueues, clusterQueue, status, before);
    }

    private void WriteLocalQueue(JsonObject localQueue, DateTimeOffset now)
    {
        var ns = KubeObjects.Namespace(localQueue)!;
        var name = KubeObjects.Name(localQueue)!;
        var clusterQueueName = KubeObjects.Str(localQueue["spec"]?["clusterQueue"]) ?? string.Empty;
        var clusterQueue = store.Live(ResourceType.ClusterQueues, null, clusterQueueName);
        var mine = store.LiveAll(ResourceType.Workloads, ns).Where(w => WorkloadState.QueueName(w) == name).ToList();
        var running = mine.Where(WorkloadState.IsRunning).ToList();
        var usage = new FlavorUsage();
        running.ForEach(w => WorkloadState.AddUsage(w, usage));
        var status = (KubeObjects.Child(localQueue, "status").DeepClone() as JsonObject)!;
        var before = status.ToJsonString();
        var quota = clusterQueue is null ? null : ClusterQueueQuota.Of(clusterQueue);
        status["pendingWorkloads"] = mine.Count(WorkloadState.IsPending);
        status["reservingWorkloads"] = running.Count;
        status["admittedWorkloads"] = running.Count(w => WorkloadConditions.IsTrue(w, "Admitted"));
        status["flavorsReservation"] = quota is null ? new JsonArray() : Usage(quota, usage, withBorrowed: false);
        status["flavorsUsage"] = quota is null ? new JsonArray() : Usage(quota, usage, withBorrowed: false);
        var generation = KubeObjects.Long(localQueue["metadata"]?["generation"]);
        if (clusterQueue is null)
        {
            WorkloadConditions.Set(status, "Active", false, "ClusterQueueDoesNotExist", "Can't submit new workloads to clusterQueue", now, generation);
        }
        else if (KubeObjects.Str(localQueue["spec"]?["stopPolicy"]) is { } stop && stop != "None")
        {
            WorkloadConditions.Set(status, "Active", false, "Stopped", "LocalQueue is stopped", now, generation);
        }
        else if (InactiveReason(store, clusterQueue, quota!) is not null)
        {
            WorkloadConditions.Set(status, "Active", false, "ClusterQueueIsInactive", "Can't submit new workloads to clusterQueue", now, generation);
        }
        else
        {
            WorkloadConditions.Set(status, "Active", true, "Ready", "Can submit new workloads to localQueue", now, generation);
        }

        Save(ResourceType.LocalQueues, localQueue, status, before);
    }

    private void Save(ResourceType type, JsonObject live, JsonObject status, string before)
    {
        if (status.ToJsonString() != before)
        {
            live["status"] = status;
            store.Modified(type, live);
        }
    }

    /// <summary>Per flavor of the ClusterQueue (in its order), per covered resource: <c>{name, total[, borrowed]}</c>.</summary>
    private static JsonArray Usage(ClusterQueueQuota quota, FlavorUsage usage, bool withBorrowed)
    {
        var flavors = new JsonArray();
        foreach (var group in quota.Groups)
        {
            foreach (var flavor in group.Flavors)
            {
                var resources = new JsonArray();
                foreach (var resource in group.CoveredResources)
                {
                    var entry = new JsonObject { ["name"] = resource, ["total"] = KueueQuantity.Format(usage[flavor, resource]) };
                    if (withBorrowed)
                    {
                        entry["borrowed"] = "0";
                    }

                    resources.Add(entry);
                }

                flavors.Add(new JsonObject { ["name"] = flavor, ["resources"] = resources });
            }
        }

        return flavors;
    }
}
