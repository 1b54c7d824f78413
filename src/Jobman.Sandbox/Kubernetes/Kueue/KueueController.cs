using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>
/// Kueue's controllers in one loop, on every store change and a resync timer: the job integration (a Workload per
/// Job labelled <c>kueue.x-k8s.io/queue-name</c>, <c>Finished</c> when the Job ends, garbage collection of workloads
/// whose Job is gone), the scheduler (<see cref="KueueScheduler"/>) and the queue status writer.
/// </summary>
internal sealed class KueueController : IAsyncDisposable
{
    private readonly ClusterStore _store;
    private readonly KueueQueues _queues;
    private readonly KueueScheduler _scheduler;
    private readonly ClusterQueueStatusWriter _status;
    private readonly ControllerLoop _loop;

    public KueueController(ClusterStore store, KubernetesApiServerOptions options, BackgroundErrors errors, EventRecorder events)
    {
        _store = store;
        _queues = new KueueQueues(store);
        _scheduler = new KueueScheduler(store, _queues, events);
        _status = new ClusterQueueStatusWriter(store, _queues);
        _loop = new ControllerLoop("kueue controller", store, options.ControllerResyncInterval, errors, Pass);
    }

    public KueueQueues Queues => _queues;

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private void Pass()
    {
        lock (_store.Gate)
        {
            var now = DateTimeOffset.UtcNow;
            SyncJobs(now);
            _scheduler.Schedule(now);
            _status.Write(now);
        }
    }

    private void SyncJobs(DateTimeOffset now)
    {
        var workloadsByJob = _store.LiveAll(ResourceType.Workloads, null)
            .Where(w => WorkloadState.OwnerJobUid(w) is not null)
            .GroupBy(w => WorkloadState.OwnerJobUid(w)!)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var jobs = _store.LiveAll(ResourceType.Jobs, null).ToDictionary(j => KubeObjects.Uid(j)!, StringComparer.Ordinal);

        foreach (var job in jobs.Values.Where(IsQueued).OrderBy(_store.CreatedRevision).ToList())
        {
            var uid = KubeObjects.Uid(job)!;
            if (workloadsByJob.TryGetValue(uid, out var workload))
            {
                Finish(job, workload, now);
            }
            else if (!IsFinished(job) && job["metadata"]?["deletionTimestamp"] is null)
            {
                _store.Add(ResourceType.Workloads, KubeObjects.Namespace(job), WorkloadFactory.For(job, PriorityClassOf(job)));
            }
        }

        foreach (var (jobUid, workload) in workloadsByJob)
        {
            if (!jobs.ContainsKey(jobUid))
            {
                // The garbage collector: a workload goes with the Job that owns it.
                _store.Remove(ResourceType.Workloads, workload);
            }
        }
    }

    private static bool IsQueued(JsonObject job) => KubeObjects.Str(job["metadata"]?["labels"]?[KueueLabels.QueueName]) is { Length: > 0 };

    private static bool IsFinished(JsonObject job) => KubeObjects.HasTrueCondition(job, "Complete") || KubeObjects.HasTrueCondition(job, "Failed");

    private JsonObject? PriorityClassOf(JsonObject job) =>
        KubeObjects.Str(job["metadata"]?["labels"]?[KueueLabels.PriorityClass]) is { Length: > 0 } name
            ? _store.Live(ResourceType.WorkloadPriorityClasses, null, name)
            : null;

    private void Finish(JsonObject job, JsonObject workload, DateTimeOffset now)
    {
        if (WorkloadState.IsFinished(workload) || !IsFinished(job))
        {
            return;
        }

        var status = KubeObjects.Child(workload, "status");
        var generation = KubeObjects.Long(workload["metadata"]?["generation"]);
        var failed = job["status"] is JsonObject jobStatus ? KubeObjects.Condition(jobStatus, "Failed") : null;
        if (failed is not null && KubeObjects.Str(failed["status"]) == "True")
        {
            WorkloadConditions.Set(status, "Finished", true, "Failed", KubeObjects.Str(failed["message"]) ?? "Job failed", now, generation);
        }
        else
        {
            WorkloadConditions.Set(status, "Finished", true, "Succeeded", "Job finished successfully", now, generation);
        }

        _store.Modified(ResourceType.Workloads, workload);
    }
}
