using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// The batch/v1 Job controller (+ TTL-after-finished controller and the garbage collector's part for jobs):
/// creates pods from the template, counts them through the job-tracking finalizer, writes job status and
/// conditions with upstream reasons/messages, honours backoffLimit, activeDeadlineSeconds, suspend and
/// ttlSecondsAfterFinished. Runs on every store change and on a short resync timer.
/// </summary>
internal sealed class JobController : IAsyncDisposable
{
    public const string TrackingFinalizer = "batch.kubernetes.io/job-tracking";

    /// <summary>The garbage collector's finalizer on an owner deleted with propagationPolicy=Foreground.</summary>
    public const string ForegroundFinalizer = "foregroundDeletion";
    private const string Component = "job-controller";

    private readonly ClusterStore _store;
    private readonly Kubelet _kubelet;
    private readonly KubernetesApiServerOptions _options;
    private readonly Dictionary<string, DateTimeOffset> _lastFailure = new(StringComparer.Ordinal);

    /// <summary>
    /// Per "jobUid/index" (backoffLimitPerIndex): the failure count a replacement pod carries, i.e. the replaced pod's
    /// annotation + 1, as upstream derives it from the pod being replaced.
    /// </summary>
    private readonly Dictionary<string, int> _indexFailureCounts = new(StringComparer.Ordinal);

    /// <summary>Pods deleted because their job was suspended: not failures (Kueue requeues preempted jobs indefinitely).</summary>
    private readonly HashSet<string> _deletedBySuspension = new(StringComparer.Ordinal);

    /// <summary>
    /// Pods the controller deleted because their job reached FailureTarget: counted in <c>failed</c>, but their index
    /// did not fail by itself, so it stays out of <c>failedIndexes</c> (else which indexes a failed array lists would
    /// depend on how fast the kill was observed).
    /// </summary>
    private readonly HashSet<string> _deletedByJobFailure = new(StringComparer.Ordinal);
    private readonly ControllerLoop _loop;
    private readonly EventRecorder _events;

    public JobController(ClusterStore store, Kubelet kubelet, KubernetesApiServerOptions options, BackgroundErrors errors, EventRecorder events)
    {
        _events = events;
        _store = store;
        _kubelet = kubelet;
        _options = options;
        _loop = new ControllerLoop("job controller", store, options.ControllerResyncInterval, errors, Pass);
    }

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private void Pass()
    {
        var toStart = new List<(string Ns, string Name, string Uid)>();
        lock (_store.Gate)
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var job in _store.LiveAll(ResourceType.Jobs, null).ToList())
            {
                if (job["metadata"]?["deletionTimestamp"] is not null)
                {
                    CollectForeground(job);
                }
                else if (_store.IsManaged(job))
                {
                    Reconcile(job, now, toStart);
                }
            }

            ReleaseOrphanPods();
        }

        // Containers start outside the store's lock: the kubelet writes pod status through the store.
        foreach (var (ns, name, uid) in toStart)
        {
            _kubelet.Start(ns, name, uid);
        }
    }

    private void Reconcile(JsonObject job, DateTimeOffset now, List<(string, string, string)> toStart)
    {
        var ns = KubeObjects.Namespace(job)!;
        var uid = KubeObjects.Uid(job)!;
        var spec = KubeObjects.Child(job, "spec");
        var oldStatus = KubeObjects.Child(job, "status");
        var before = oldStatus.ToJsonString();
        var pods = _store.LiveAll(ResourceType.Pods, ns).Where(p => ControllerUid(p) == uid).ToList();

        var succeeded = (int)(KubeObjects.Long(oldStatus["succeeded"]) ?? 0);
        var failed = (int)(KubeObjects.Long(oldStatus["failed"]) ?? 0);
        var indexed = IndexedJobProgress.For(spec, oldStatus);
        foreach (var pod in pods.Where(p => HasFinalizer(p) && IsFinished(p)).ToList())
        {
            var bySuspension = _deletedBySuspension.Remove(KubeObjects.Uid(pod) ?? string.Empty);
            var byJobFailure = _deletedByJobFailure.Remove(KubeObjects.Uid(pod) ?? string.Empty);
            // An Indexed job's pod without an index below completions is not its work (upstream's getValidPodsWithFilter).
            var counts = indexed?.Counts(pod) ?? true;
            if (counts && KubeObjects.Str(pod["status"]?["phase"]) == "Succeeded")
            {
                succeeded++;
                indexed?.CountSucceeded(pod);
            }
            else if (counts && !bySuspension)
            {
                failed++;
                _lastFailure[uid] = now;
                if (indexed is not null && !byJobFailure)
                {
                    var key = $"{uid}/{IndexedJobProgress.IndexOf(pod)}";
                    _indexFailureCounts[key] = indexed.CountFailed(pod);
                    _lastFailure[key] = now;
                }
            }

            RemoveFinalizer(pod);
        }

        if (indexed is not null)
        {
            succeeded = indexed.Completed.Count;
        }

        pods = _store.LiveAll(ResourceType.Pods, ns).Where(p => ControllerUid(p) == uid).ToList();
        var active = pods.Where(p => !IsFinished(p) && p["metadata"]?["deletionTimestamp"] is null).ToList();
        if (indexed is not null && !HasTrue(OldConditions(oldStatus), "Complete") && !HasTrue(OldConditions(oldStatus), "Failed"))
        {
            foreach (var surplus in indexed.SurplusPods(active))
            {
                DeletePod(surplus, job);
                active.Remove(surplus);
            }
        }

        var terminating = pods.Count(p => !IsFinished(p) && p["metadata"]?["deletionTimestamp"] is not null);
        var conditions = (oldStatus["conditions"]?.DeepClone() as JsonArray) ?? [];
        var startTime = KubeObjects.Str(oldStatus["startTime"]);
        var completionTime = KubeObjects.Str(oldStatus["completionTime"]);
        var finished = HasTrue(conditions, "Complete") || HasTrue(conditions, "Failed");

        if (finished)
        {
            if (TtlExpired(spec, conditions, now))
            {
                DeleteJob(job);
                return;
            }
        }
        else if (KubeObjects.Bool(spec["suspend"]) == true)
        {
            active.ForEach(p => _deletedBySuspension.Add(KubeObjects.Uid(p)!));
            active.ForEach(p => DeletePod(p, job));
            active.Clear();
            if (!HasTrue(conditions, "Suspended"))
            {
                _events.Normal(ResourceType.Jobs, job, "Suspended", "Job suspended", Component);
            }

            SetCondition(conditions, "Suspended", true, "JobSuspended", "Job suspended", now);
            startTime = null;
        }
        else
        {
            if (HasTrue(conditions, "Suspended"))
            {
                SetCondition(conditions, "Suspended", false, "JobResumed", "Job resumed", now);
                _events.Normal(ResourceType.Jobs, job, "Resumed", "Job resumed", Component);
            }

            startTime ??= KubeObjects.Time(now);
            var backoffLimit = KubeObjects.Long(spec["backoffLimit"]) ?? 6;
            var completions = (int)(KubeObjects.Long(spec["completions"]) ?? 1);
            var parallelism = (int)(KubeObjects.Long(spec["parallelism"]) ?? 1);
            var deadline = KubeObjects.Long(spec["activeDeadlineSeconds"]);

            var failureTarget = Condition(conditions, "FailureTarget");
            if (failureTarget is null && !HasTrue(conditions, "SuccessCriteriaMet"))
            {
                if (failed > backoffLimit || PastBackoffLimitOnFailure(spec, active, backoffLimit))
                {
                    failureTarget = SetCondition(conditions, "FailureTarget", true, "BackoffLimitExceeded", "Job has reached the specified backoff limit", now);
                }
                else if (deadline is not null && now >= KubeObjects.ParseTime(startTime).AddSeconds(deadline.Value))
                {
                    failureTarget = SetCondition(conditions, "FailureTarget", true, "DeadlineExceeded", "Job was active longer than specified deadline", now);
                }
                else if (indexed?.FailureReason() is var (reason, message))
                {
                    failureTarget = SetCondition(conditions, "FailureTarget", true, reason, message, now);
                }
            }

            if (failureTarget is not null)
            {
                active.ForEach(p => _deletedByJobFailure.Add(KubeObjects.Uid(p)!));
                active.ForEach(p => DeletePod(p, job));
                terminating += active.Count;
                active.Clear();
                // Like the real controller: FailureTarget is written first, Failed once no pod is left terminating.
                if (terminating == 0 && HasTrue(OldConditions(oldStatus), "FailureTarget"))
                {
                    SetCondition(conditions, "Failed", true, KubeObjects.Str(failureTarget["reason"])!, KubeObjects.Str(failureTarget["message"])!, now);
                    _events.Warning(ResourceType.Jobs, job, KubeObjects.Str(failureTarget["reason"])!, KubeObjects.Str(failureTarget["message"])!, Component);
                }
            }
            else if (succeeded >= completions)
            {
                SetCondition(conditions, "SuccessCriteriaMet", true, "CompletionsReached", "Reached expected number of succeeded pods", now);
                active.ForEach(p => DeletePod(p, job));
                terminating += active.Count;
                active.Clear();
                if (terminating == 0 && HasTrue(OldConditions(oldStatus), "SuccessCriteriaMet"))
                {
                    SetCondition(conditions, "Complete", true, "CompletionsReached", "Reached expected number of succeeded pods", now);
                    _events.Normal(ResourceType.Jobs, job, "Completed", "Job completed", Component);
                    completionTime = KubeObjects.Time(now);
                }
            }
            else
            {
                var remaining = indexed?.Remaining ?? completions - succeeded;
                var wanted = Math.Min(parallelism, remaining) - active.Count - terminating;
                foreach (var index in IndexesToStart(uid, indexed, pods, wanted, now))
                {
                    var pod = CreatePod(job, indexed, index);
                    _events.Normal(ResourceType.Jobs, job, "SuccessfulCreate", $"Created pod: {KubeObjects.Name(pod)}", Component);
                    active.Add(pod);
                    toStart.Add((ns, KubeObjects.Name(pod)!, KubeObjects.Uid(pod)!));
                }
            }
        }

        var status = new JsonObject();
        if (conditions.Count > 0)
        {
            status["conditions"] = conditions;
        }

        if (startTime is not null)
        {
            status["startTime"] = startTime;
        }

        if (completionTime is not null)
        {
            status["completionTime"] = completionTime;
        }

        if (active.Count > 0)
        {
            status["active"] = active.Count;
        }

        if (succeeded > 0)
        {
            status["succeeded"] = succeeded;
        }

        if (failed > 0)
        {
            status["failed"] = failed;
        }

        status["terminating"] = terminating;
        indexed?.WriteStatus(status);
        status["uncountedTerminatedPods"] = new JsonObject();
        status["ready"] = active.Count(p => KubeObjects.Str(KubeObjects.Condition(KubeObjects.Child(p, "status"), "Ready")?["status"]) == "True");
        if (status.ToJsonString() != before)
        {
            job["status"] = status;
            _store.Modified(ResourceType.Jobs, job);
        }
    }

    /// <summary>
    /// Deletes a job the way the TTL controller and <c>propagationPolicy=Background|Orphan</c> do, with its pods and
    /// the ConfigMaps it owns (or releasing them when <paramref name="orphanDependents"/>).
    /// </summary>
    public void DeleteJob(JsonObject job, bool orphanDependents = false)
    {
        var uid = KubeObjects.Uid(job);
        var pods = _store.LiveAll(ResourceType.Pods, KubeObjects.Namespace(job)).Where(p => ControllerUid(p) == uid).ToList();
        _store.Remove(ResourceType.Jobs, job);
        OwnedConfigMaps.Collect(_store, job, orphanDependents);
        ForgetFailures(uid);
        foreach (var pod in pods)
        {
            if (orphanDependents)
            {
                KubeObjects.Metadata(pod).Remove("ownerReferences");
                _store.Modified(ResourceType.Pods, pod);
            }
            else
            {
                DeletePod(pod);
            }
        }

        ReleaseOrphanPods();
    }

    /// <summary>
    /// <c>propagationPolicy=Foreground</c>: the job stays, marked with deletionTimestamp and the foregroundDeletion
    /// finalizer, while the garbage collector deletes its pods; it goes once none is left (see <see cref="CollectForeground"/>).
    /// </summary>
    public void DeleteJobInForeground(JsonObject job)
    {
        var meta = KubeObjects.Metadata(job);
        meta["deletionTimestamp"] ??= KubeObjects.Time(DateTimeOffset.UtcNow);
        meta["deletionGracePeriodSeconds"] ??= 0;
        var finalizers = meta["finalizers"] as JsonArray ?? [];
        if (!finalizers.Any(f => KubeObjects.Str(f) == ForegroundFinalizer))
        {
            finalizers.Add(ForegroundFinalizer);
        }

        meta["finalizers"] = finalizers.DeepClone();
        // Modified wakes the loop (store change), which collects the dependents.
        _store.Modified(ResourceType.Jobs, job);
    }

    /// <summary>
    /// The garbage collector's part of a foreground deletion: delete the dependents (pods and ConfigMaps owned by the job), let
    /// the job controller release them (tracking finalizer), and drop the foregroundDeletion finalizer once they are gone.
    /// </summary>
    private void CollectForeground(JsonObject job)
    {
        OwnedConfigMaps.Collect(_store, job, orphan: false);
        var uid = KubeObjects.Uid(job);
        var dependents = _store.LiveAll(ResourceType.Pods, KubeObjects.Namespace(job))
            .Where(p => (p["metadata"]?["ownerReferences"] as JsonArray ?? []).Any(o => KubeObjects.Str(o?["uid"]) == uid))
            .ToList();
        foreach (var pod in dependents)
        {
            if (pod["metadata"]?["deletionTimestamp"] is null)
            {
                DeletePod(pod);
            }
            else if (HasFinalizer(pod) && IsFinished(pod))
            {
                RemoveFinalizer(pod);
            }
        }

        var finalizers = job["metadata"]?["finalizers"] as JsonArray ?? [];
        if (dependents.Any(p => _store.Live(ResourceType.Pods, KubeObjects.Namespace(p), KubeObjects.Name(p)!) is not null)
            || !finalizers.Any(f => KubeObjects.Str(f) == ForegroundFinalizer))
        {
            return;
        }

        var remaining = finalizers.Where(f => KubeObjects.Str(f) != ForegroundFinalizer).Select(f => f?.DeepClone()).ToArray();
        if (remaining.Length == 0)
        {
            KubeObjects.Metadata(job).Remove("finalizers");
        }
        else
        {
            KubeObjects.Metadata(job)["finalizers"] = new JsonArray(remaining);
        }

        _store.Modified(ResourceType.Jobs, job);
    }

    /// <summary>
    /// Graceful pod delete: mark, stop the containers; the store removes it once finalizers and containers are gone.
    /// <paramref name="byJob"/> is the job whose controller decided it (recorded as a SuccessfulDelete event).
    /// </summary>
    public void DeletePod(JsonObject pod, JsonObject? byJob = null)
    {
        if (byJob is not null && pod["metadata"]?["deletionTimestamp"] is null)
        {
            _events.Normal(ResourceType.Jobs, byJob, "SuccessfulDelete", $"Deleted pod: {KubeObjects.Name(pod)}", Component);
        }

        var meta = KubeObjects.Metadata(pod);
        if (meta["deletionTimestamp"] is null)
        {
            meta["deletionTimestamp"] = KubeObjects.Time(DateTimeOffset.UtcNow);
            meta["deletionGracePeriodSeconds"] = 30;
            _store.Modified(ResourceType.Pods, pod);
        }

        _kubelet.Kill(KubeObjects.Uid(pod));
    }

    private void ForgetFailures(string? uid)
    {
        foreach (var key in _lastFailure.Keys.Concat(_indexFailureCounts.Keys).Where(k => k == uid || k.StartsWith(uid + "/", StringComparison.Ordinal)).ToList())
        {
            _lastFailure.Remove(key);
            _indexFailureCounts.Remove(key);
        }
    }

    /// <summary>Pods whose owning job is gone lose the tracking finalizer (the real controller does the same).</summary>
    private void ReleaseOrphanPods()
    {
        var jobUids = _store.LiveAll(ResourceType.Jobs, null).Select(KubeObjects.Uid).ToHashSet();
        foreach (var pod in _store.LiveAll(ResourceType.Pods, null).Where(HasFinalizer).ToList())
        {
            if (ControllerUid(pod) is not { } owner || !jobUids.Contains(owner))
            {
                RemoveFinalizer(pod);
            }
        }
    }

    /// <summary>
    /// Which pods to create now: <paramref name="wanted"/> of them once the retry delay after the last failure has
    /// passed (NonIndexed: null entries); for an Indexed job the lowest pending indexes, each index waiting for its
    /// own delay when backoffLimitPerIndex is set (else the job-wide one).
    /// </summary>
    private List<int?> IndexesToStart(string uid, IndexedJobProgress? indexed, List<JsonObject> pods, int wanted, DateTimeOffset now)
    {
        if (wanted <= 0)
        {
            return [];
        }

        bool Ready(string key) => !_lastFailure.TryGetValue(key, out var lastFailure) || now >= lastFailure + _options.PodRetryDelay;
        if (indexed is null)
        {
            return Ready(uid) ? Enumerable.Repeat<int?>(null, wanted).ToList() : [];
        }

        if (!indexed.HasBackoffLimitPerIndex && !Ready(uid))
        {
            return [];
        }

        var unfinished = pods.Where(p => !IsFinished(p));
        return indexed.PendingIndexes(unfinished)
            .Where(i => !indexed.HasBackoffLimitPerIndex || Ready($"{uid}/{i}"))
            .Take(wanted)
            .Select(i => (int?)i)
            .ToList();
    }

    private JsonObject CreatePod(JsonObject job, IndexedJobProgress? indexed, int? index)
    {
        var ns = KubeObjects.Namespace(job)!;
        var jobName = KubeObjects.Name(job)!;
        var generateName = index is { } i ? IndexedJobProgress.GenerateNamePrefix(jobName, i) : jobName + "-";
        string name;
        do
        {
            name = JobAdmission.GenerateName(generateName);
        }
        while (_store.Live(ResourceType.Pods, ns, name) is not null);

        var template = job["spec"]?["template"] as JsonObject ?? [];
        var meta = new JsonObject
        {
            ["name"] = name,
            ["generateName"] = generateName,
            ["generation"] = 1,
            ["labels"] = template["metadata"]?["labels"]?.DeepClone() ?? new JsonObject(),
        };
        if (template["metadata"]?["annotations"] is JsonObject annotations)
        {
            meta["annotations"] = annotations.DeepClone();
        }

        meta["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["name"] = jobName,
            ["uid"] = KubeObjects.Uid(job),
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        });
        meta["finalizers"] = new JsonArray(TrackingFinalizer);

        var spec = template["spec"]?.DeepClone() as JsonObject ?? [];
        JobAdmission.ApplyPodSpecDefaults(spec);
        spec["serviceAccountName"] ??= "default";
        spec["serviceAccount"] ??= KubeObjects.Str(spec["serviceAccountName"]);
        spec["tolerations"] ??= new JsonArray(
            new JsonObject { ["key"] = "node.kubernetes.io/not-ready", ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = 300 },
            new JsonObject { ["key"] = "node.kubernetes.io/unreachable", ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = 300 });
        spec["priority"] ??= 0;
        spec["enableServiceLinks"] ??= true;
        spec["preemptionPolicy"] ??= "PreemptLowerPriority";
        if (indexed is not null && index is { } ix)
        {
            var failures = _indexFailureCounts.GetValueOrDefault($"{KubeObjects.Uid(job)}/{ix}");
            indexed.Stamp(meta, spec, jobName, ix, failures);
        }

        var pod = new JsonObject { ["metadata"] = meta, ["spec"] = spec };
        pod["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = PodStatuses.QosClass(pod) };
        return _store.Add(ResourceType.Pods, ns, pod);
    }

    private bool IsFinished(JsonObject pod)
    {
        var phase = KubeObjects.Str(pod["status"]?["phase"]);
        if (phase is "Succeeded" or "Failed")
        {
            return true;
        }

        // A pod being deleted that no longer runs anything counts as failed (never started, or killed).
        return pod["metadata"]?["deletionTimestamp"] is not null && !_kubelet.HasRunningContainers(pod);
    }

    private void RemoveFinalizer(JsonObject pod)
    {
        var meta = KubeObjects.Metadata(pod);
        var remaining = (meta["finalizers"] as JsonArray ?? []).Select(KubeObjects.Str).Where(f => f != TrackingFinalizer).ToList();
        if (remaining.Count == 0)
        {
            meta.Remove("finalizers");
        }
        else
        {
            meta["finalizers"] = new JsonArray(remaining.Select(f => (JsonNode?)f).ToArray());
        }

        _store.Modified(ResourceType.Pods, pod);
    }

    private static bool HasFinalizer(JsonObject pod) =>
        (pod["metadata"]?["finalizers"] as JsonArray ?? []).Any(f => KubeObjects.Str(f) == TrackingFinalizer);

    private static string? ControllerUid(JsonObject pod) =>
        (pod["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(o => KubeObjects.Bool(o["controller"]) == true && KubeObjects.Str(o["kind"]) == "Job")
            .Select(o => KubeObjects.Str(o["uid"]))
            .FirstOrDefault();

    private static bool TtlExpired(JsonObject spec, JsonArray conditions, DateTimeOffset now)
    {
        if (KubeObjects.Long(spec["ttlSecondsAfterFinished"]) is not { } ttl)
        {
            return false;
        }

        var finish = Condition(conditions, "Complete") ?? Condition(conditions, "Failed");
        var finishedAt = KubeObjects.Str(finish?["lastTransitionTime"]);
        return finishedAt is not null && now >= KubeObjects.ParseTime(finishedAt).AddSeconds(ttl);
    }

    /// <summary>restartPolicy OnFailure: container restarts of active pods count against the backoff limit (upstream rule).</summary>
    private static bool PastBackoffLimitOnFailure(JsonObject spec, List<JsonObject> active, long backoffLimit)
    {
        if (KubeObjects.Str(spec["template"]?["spec"]?["restartPolicy"]) != "OnFailure")
        {
            return false;
        }

        var restarts = active.Sum(p => (p["status"]?["containerStatuses"] as JsonArray ?? []).Sum(c => KubeObjects.Long(c?["restartCount"]) ?? 0));
        return backoffLimit == 0 ? restarts > 0 : restarts >= backoffLimit;
    }

    private static JsonArray OldConditions(JsonObject status) => status["conditions"] as JsonArray ?? [];

    private static JsonObject? Condition(JsonArray conditions, string type) =>
        conditions.OfType<JsonObject>().FirstOrDefault(c => KubeObjects.Str(c["type"]) == type);

    private static bool HasTrue(JsonArray conditions, string type) => KubeObjects.Str(Condition(conditions, type)?["status"]) == "True";

    private static JsonObject SetCondition(JsonArray conditions, string type, bool value, string reason, string message, DateTimeOffset now)
    {
        var existing = Condition(conditions, type);
        var status = value ? "True" : "False";
        if (existing is not null && KubeObjects.Str(existing["status"]) == status)
        {
            return existing;
        }

        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastProbeTime"] = KubeObjects.Time(now),
            ["lastTransitionTime"] = KubeObjects.Time(now),
            ["reason"] = reason,
            ["message"] = message,
        };
        if (existing is not null)
        {
            conditions[conditions.IndexOf(existing)] = condition;
        }
        else
        {
            conditions.Add(condition);
        }

        return condition;
    }
}
