using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>
/// Kueue's scheduler, one pass per call (callers hold the store's gate): for each ClusterQueue, pending workloads
/// in order get flavors assigned within the nominal quota (StrictFIFO: the head blocks; BestEffortFIFO: the rest
/// are tried), lower-priority workloads are preempted when <c>preemption.withinClusterQueue</c> allows it, and
/// admitted Jobs are unsuspended with the flavors' node labels and tolerations.
/// </summary>
internal sealed class KueueScheduler(ClusterStore store, KueueQueues queues, EventRecorder events)
{
    public void Schedule(DateTimeOffset now)
    {
        foreach (var workload in store.LiveAll(ResourceType.Workloads, null).Where(WorkloadState.IsPending).ToList())
        {
            MarkMisconfigured(workload, now);
        }

        foreach (var clusterQueue in store.LiveAll(ResourceType.ClusterQueues, null).ToList())
        {
            ScheduleClusterQueue(clusterQueue, now);
        }
    }

    private void MarkMisconfigured(JsonObject workload, DateTimeOffset now)
    {
        var queue = WorkloadState.QueueName(workload) ?? string.Empty;
        string? problem = null;
        if (queues.LocalQueueOf(workload) is not { } localQueue)
        {
            problem = $"LocalQueue {queue} doesn't exist";
        }
        else if (KubeObjects.Str(localQueue["spec"]?["clusterQueue"]) is { } clusterQueue && store.Live(ResourceType.ClusterQueues, null, clusterQueue) is null)
        {
            problem = $"ClusterQueue {clusterQueue} doesn't exist";
        }

        if (problem is not null)
        {
            SetPending(workload, "Misconfigured", problem, now, null);
        }
    }

    private void ScheduleClusterQueue(JsonObject clusterQueue, DateTimeOffset now)
    {
        var name = KubeObjects.Name(clusterQueue)!;
        var quota = ClusterQueueQuota.Of(clusterQueue);
        var usage = queues.Usage(name);
        var strict = KubeObjects.Str(clusterQueue["spec"]?["queueingStrategy"]) == "StrictFIFO";
        var inactive = ClusterQueueStatusWriter.InactiveReason(store, clusterQueue, quota);
        foreach (var workload in queues.Pending(name))
        {
            if (inactive is not null)
            {
                SetPending(workload, "Suspended", $"ClusterQueue {name} is inactive", now, null);
                continue;
            }

            if (!NamespaceAllowed(clusterQueue, KubeObjects.Namespace(workload)!))
            {
                SetPending(workload, "Misconfigured", "Workload namespace doesn't match ClusterQueue selector", now, null);
                continue;
            }

            var requests = PodSetRequests.Of(workload);
            var assignment = FlavorAssignment.Try(requests, quota, usage);
            if (!assignment.Fits && Victims(clusterQueue, workload, requests, quota) is { Count: > 0 } victims)
            {
                foreach (var victim in victims)
                {
                    Evict(victim, workload, now);
                }

                usage = queues.Usage(name);
                assignment = FlavorAssignment.Try(requests, quota, usage);
            }

            if (assignment.Fits)
            {
                Admit(workload, name, assignment, now);
                usage = queues.Usage(name);
                continue;
            }

            var reason = assignment.Failure!.Contains("> maximum capacity", StringComparison.Ordinal) ? "ExceedsMaxQuota" : "WaitingForQuota";
            SetPending(workload, reason, assignment.Failure, now, requests);
            if (strict)
            {
                break;
            }
        }
    }

    /// <summary>Running workloads of lower priority to preempt, lowest priority and newest first, until the workload fits; empty when it would not fit anyway.</summary>
    private List<JsonObject> Victims(JsonObject clusterQueue, JsonObject workload, IReadOnlyList<PodSetRequests> requests, ClusterQueueQuota quota)
    {
        var policy = KubeObjects.Str(clusterQueue["spec"]?["preemption"]?["withinClusterQueue"]) ?? "Never";
        if (policy == "Never")
        {
            return [];
        }

        var priority = WorkloadState.Priority(workload);
        var candidates = queues.Running(KubeObjects.Name(clusterQueue)!)
            .Where(w => WorkloadState.Priority(w) < priority || (policy == "LowerOrNewerEqualPriority" && WorkloadState.Priority(w) == priority && store.CreatedRevision(w) > store.CreatedRevision(workload)))
            .OrderBy(WorkloadState.Priority)
            .ThenByDescending(store.CreatedRevision)
            .ToList();
        var chosen = new List<JsonObject>();
        foreach (var candidate in candidates)
        {
            chosen.Add(candidate);
            var usage = new FlavorUsage();
            foreach (var running in queues.Running(KubeObjects.Name(clusterQueue)!).Except(chosen))
            {
                WorkloadState.AddUsage(running, usage);
            }

            if (FlavorAssignment.Try(requests, quota, usage).Fits)
            {
                return chosen;
            }
        }

        return [];
    }

    private static bool NamespaceAllowed(JsonObject clusterQueue, string ns)
    {
        if (clusterQueue["spec"]?["namespaceSelector"] is not JsonObject selector)
        {
            return false;
        }

        // matchLabels against the namespace's kubernetes.io/metadata.name label (the label every namespace has).
        return (selector["matchLabels"] as JsonObject ?? []).All(kv => kv.Key == "kubernetes.io/metadata.name" && KubeObjects.Str(kv.Value) == ns);
    }

    private void SetPending(JsonObject workload, string reason, string message, DateTimeOffset now, IReadOnlyList<PodSetRequests>? requests)
    {
        var status = KubeObjects.Child(workload, "status");
        var changed = WorkloadConditions.Set(status, "QuotaReserved", false, reason, message, now, KubeObjects.Long(workload["metadata"]?["generation"]));
        if (requests is not null)
        {
            var resourceRequests = new JsonArray(requests.Select(r => (JsonNode)r.ToResourceRequests()).ToArray());
            if (status["resourceRequests"]?.ToJsonString() != resourceRequests.ToJsonString())
            {
                status["resourceRequests"] = resourceRequests;
                changed = true;
            }
        }

        if (changed)
        {
            store.Modified(ResourceType.Workloads, workload);
        }
    }

    private void Admit(JsonObject workload, string clusterQueue, FlavorAssignment assignment, DateTimeOffset now)
    {
        var status = KubeObjects.Child(workload, "status");
        var generation = KubeObjects.Long(workload["metadata"]?["generation"]);
        status["admission"] = new JsonObject
        {
            ["clusterQueue"] = clusterQueue,
            ["podSetAssignments"] = new JsonArray(assignment.PodSets!.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Requests.Name,
                ["flavors"] = Flavors(p.Flavors),
                ["resourceUsage"] = PodSetRequests.Resources(p.Requests.Total.Where(kv => p.Flavors.ContainsKey(kv.Key))),
                ["count"] = p.Requests.Count,
            }).ToArray()),
        };
        status["resourceRequests"] = new JsonArray(assignment.PodSets!.Select(p => (JsonNode)p.Requests.ToResourceRequests()).ToArray());
        WorkloadConditions.Set(status, "QuotaReserved", true, "QuotaReserved", $"Quota reserved in ClusterQueue {clusterQueue}", now, generation);
        WorkloadConditions.Set(status, "Admitted", true, "Admitted", "The workload is admitted", now, generation);
        foreach (var type in new[] { "Evicted", "Preempted" })
        {
            // Kueue keeps the history of an earlier eviction as "Previously: ..." once the workload runs again.
            if (KubeObjects.Condition(status, type) is { } old && KubeObjects.Str(old["status"]) == "True")
            {
                WorkloadConditions.Set(status, type, false, "QuotaReserved", $"Previously: {KubeObjects.Str(old["message"])}", now, generation);
            }
        }

        store.Modified(ResourceType.Workloads, workload);
        events.Normal(ResourceType.Workloads, workload, "QuotaReserved", $"Quota reserved in ClusterQueue {clusterQueue}, wait time since queued was {WaitSeconds(workload, now)}s", KueueLabels.ControllerName);
        events.Normal(ResourceType.Workloads, workload, "Admitted", $"Admitted by ClusterQueue {clusterQueue}, wait time since reservation was 0s", KueueLabels.ControllerName);
        StartJob(workload, assignment, clusterQueue);
    }

    private void StartJob(JsonObject workload, FlavorAssignment assignment, string clusterQueue)
    {
        if (OwnerJob(workload) is not { } job)
        {
            return;
        }

        var podSpec = KubeObjects.Child(KubeObjects.Child(KubeObjects.Child(job, "spec"), "template"), "spec");
        foreach (var flavorName in assignment.PodSets!.SelectMany(p => p.Flavors.Values).Distinct(StringComparer.Ordinal))
        {
            if (store.Live(ResourceType.ResourceFlavors, null, flavorName) is not { } flavor)
            {
                continue;
            }

            foreach (var (key, value) in flavor["spec"]?["nodeLabels"] as JsonObject ?? [])
            {
                KubeObjects.Child(podSpec, "nodeSelector")[key] = value?.DeepClone();
            }

            foreach (var toleration in flavor["spec"]?["tolerations"] as JsonArray ?? [])
            {
                var tolerations = podSpec["tolerations"] as JsonArray ?? [];
                tolerations.Add(toleration?.DeepClone());
                podSpec["tolerations"] = tolerations;
            }
        }

        job["spec"]!["suspend"] = false;
        store.Modified(ResourceType.Jobs, job);
        events.Normal(ResourceType.Jobs, job, "Started", $"Admitted by clusterQueue {clusterQueue}", "kueue-job-controller");
    }

    private void Evict(JsonObject victim, JsonObject preemptor, DateTimeOffset now)
    {
        var status = KubeObjects.Child(victim, "status");
        var generation = KubeObjects.Long(victim["metadata"]?["generation"]);
        var preemptorJob = OwnerJob(preemptor) is { } job ? KubeObjects.Uid(job) : "UNKNOWN";
        status.Remove("admission");
        WorkloadConditions.Set(status, "Evicted", true, "Preempted", "Preempted to accommodate a higher priority Workload", now, generation);
        WorkloadConditions.Set(status, "Preempted", true, "InClusterQueue",
            $"Preempted to accommodate a workload (UID: {KubeObjects.Uid(preemptor)}, JobUID: {preemptorJob}) due to prioritization in the ClusterQueue", now, generation);
        WorkloadConditions.Set(status, "QuotaReserved", false, "Preempted", "Preempted to accommodate a higher priority Workload", now, generation);
        WorkloadConditions.Set(status, "Admitted", false, "NoReservation", "The workload has no reservation", now, generation);
        store.Modified(ResourceType.Workloads, victim);
        events.Normal(ResourceType.Workloads, victim, "Preempted", KubeObjects.Str(KubeObjects.Condition(status, "Preempted")?["message"]) ?? string.Empty, KueueLabels.ControllerName);
        StopJob(victim);
    }

    /// <summary>Suspends the Job again and restores the pod template Kueue changed (from the workload's copy).</summary>
    private void StopJob(JsonObject workload)
    {
        if (OwnerJob(workload) is not { } job)
        {
            return;
        }

        var original = workload["spec"]?["podSets"]?[0]?["template"]?["spec"];
        var podSpec = KubeObjects.Child(KubeObjects.Child(KubeObjects.Child(job, "spec"), "template"), "spec");
        foreach (var key in new[] { "nodeSelector", "tolerations" })
        {
            if (original?[key] is { } value)
            {
                podSpec[key] = value.DeepClone();
            }
            else
            {
                podSpec.Remove(key);
            }
        }

        job["spec"]!["suspend"] = true;
        store.Modified(ResourceType.Jobs, job);
        events.Normal(ResourceType.Jobs, job, "Stopped", "Preempted to accommodate a higher priority Workload", "kueue-job-controller");
    }

    private JsonObject? OwnerJob(JsonObject workload) =>
        WorkloadState.OwnerJobUid(workload) is { } uid
            ? store.LiveAll(ResourceType.Jobs, KubeObjects.Namespace(workload)).FirstOrDefault(j => KubeObjects.Uid(j) == uid)
            : null;

    private static JsonObject Flavors(IReadOnlyDictionary<string, string> flavors)
    {
        var result = new JsonObject();
        foreach (var (resource, flavor) in flavors.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            result[resource] = flavor;
        }

        return result;
    }

    private static long WaitSeconds(JsonObject workload, DateTimeOffset now) =>
        KubeObjects.Str(workload["metadata"]?["creationTimestamp"]) is { } created
            ? Math.Max(0, (long)(now - KubeObjects.ParseTime(created)).TotalSeconds)
            : 0;
}
