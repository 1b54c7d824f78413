using System.Globalization;
using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// The Indexed completion mode of one Job during one controller pass (upstream pkg/controller/job/indexed_job_utils.go):
/// which indexes succeeded or failed (persisted as <c>status.completedIndexes</c> / <c>status.failedIndexes</c>),
/// the index a pod works on, which indexes still need a pod and how a pod of an index is stamped.
/// </summary>
internal sealed class IndexedJobProgress
{
    public const string IndexKey = "batch.kubernetes.io/job-completion-index";
    public const string FailureCountAnnotation = "batch.kubernetes.io/job-index-failure-count";
    public const string IndexEnvName = "JOB_COMPLETION_INDEX";

    /// <summary>The downward-API path the controller injects (PodIndexLabel is GA in 1.32, so the label, not the annotation).</summary>
    public const string IndexFieldPath = "metadata.labels['" + IndexKey + "']";

    /// <summary>apiserver's names.MaxGeneratedNameLength: generateName prefixes are cut to this length.</summary>
    private const int MaxGeneratedNameLength = 58;

    private readonly long? _backoffLimitPerIndex;
    private readonly long? _maxFailedIndexes;

    private IndexedJobProgress(int completions, long? backoffLimitPerIndex, long? maxFailedIndexes, IndexIntervals completed, IndexIntervals? failed)
    {
        Completions = completions;
        _backoffLimitPerIndex = backoffLimitPerIndex;
        _maxFailedIndexes = maxFailedIndexes;
        Completed = completed;
        Failed = failed;
    }

    public int Completions { get; }

    public IndexIntervals Completed { get; }

    /// <summary>Null unless <c>backoffLimitPerIndex</c> is set: only then does an index fail on its own.</summary>
    public IndexIntervals? Failed { get; }

    public bool HasBackoffLimitPerIndex => _backoffLimitPerIndex is not null;

    /// <summary>Indexes with neither a success nor a final failure.</summary>
    public int Remaining => Completions - Completed.Count - (Failed?.Count ?? 0);

    /// <summary>Null for a NonIndexed job.</summary>
    public static IndexedJobProgress? For(JsonObject spec, JsonObject status)
    {
        if (KubeObjects.Str(spec["completionMode"]) != "Indexed")
        {
            return null;
        }

        var completions = (int)(KubeObjects.Long(spec["completions"]) ?? 1);
        var backoffLimitPerIndex = KubeObjects.Long(spec["backoffLimitPerIndex"]);
        return new IndexedJobProgress(
            completions,
            backoffLimitPerIndex,
            KubeObjects.Long(spec["maxFailedIndexes"]),
            IndexIntervals.Parse(KubeObjects.Str(status["completedIndexes"]), completions),
            backoffLimitPerIndex is null ? null : IndexIntervals.Parse(KubeObjects.Str(status["failedIndexes"]), completions));
    }

    /// <summary>The pod's index from its annotation (as upstream reads it); null when missing or not a non-negative number.</summary>
    public static int? IndexOf(JsonObject pod) =>
        int.TryParse(KubeObjects.Str(pod["metadata"]?["annotations"]?[IndexKey]), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;

    /// <summary>Pods without an index below completions are not the job's work (e.g. after an elastic scale-down): never counted.</summary>
    public bool Counts(JsonObject pod) => IndexOf(pod) is { } index && index < Completions;

    public void CountSucceeded(JsonObject pod)
    {
        if (IndexOf(pod) is { } index && !(Failed?.Contains(index) ?? false))
        {
            Completed.Add(index);
        }
    }

    /// <summary>
    /// A counted failure. The pod's failure-count annotation holds the failures of its index before it, so the index
    /// has used up <c>backoffLimitPerIndex</c> when that count reached the limit. Returns the count a replacement carries.
    /// </summary>
    public int CountFailed(JsonObject pod)
    {
        var failuresBefore = int.TryParse(KubeObjects.Str(pod["metadata"]?["annotations"]?[FailureCountAnnotation]), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        if (Failed is not null && IndexOf(pod) is { } index && failuresBefore >= _backoffLimitPerIndex && !Completed.Contains(index))
        {
            Failed.Add(index);
        }

        return failuresBefore + 1;
    }

    /// <summary>The FailureTarget reason once failed indexes decide the job (checked after backoffLimit and the deadline, as upstream).</summary>
    public (string Reason, string Message)? FailureReason()
    {
        if (Failed is null)
        {
            return null;
        }

        if (Failed.Count > _maxFailedIndexes)
        {
            return ("MaxFailedIndexesExceeded", "Job has exceeded the specified maximal number of failed indexes");
        }

        return Failed.Count > 0 && Failed.Count + Completed.Count >= Completions ? ("FailedIndexes", "Job has failed indexes") : null;
    }

    /// <summary>
    /// Active pods the controller removes: without a valid index, of an index already finished, or a second pod of
    /// the same index (the oldest one stays).
    /// </summary>
    public List<JsonObject> SurplusPods(IEnumerable<JsonObject> active)
    {
        var seen = new HashSet<int>();
        var surplus = new List<JsonObject>();
        foreach (var pod in active)
        {
            var index = IndexOf(pod);
            if (index is not { } i || i >= Completions || Completed.Contains(i) || (Failed?.Contains(i) ?? false) || !seen.Add(i))
            {
                surplus.Add(pod);
            }
        }

        return surplus;
    }

    /// <summary>Ascending indexes that have no pod running or terminating and are neither succeeded nor failed.</summary>
    public IEnumerable<int> PendingIndexes(IEnumerable<JsonObject> unfinishedPods)
    {
        var busy = unfinishedPods.Select(IndexOf).OfType<int>().ToHashSet();
        for (var i = 0; i < Completions; i++)
        {
            if (!busy.Contains(i) && !Completed.Contains(i) && !(Failed?.Contains(i) ?? false))
            {
                yield return i;
            }
        }
    }

    /// <summary>Writes the Indexed fields in JobStatus field order, right after <c>terminating</c>.</summary>
    public void WriteStatus(JsonObject status)
    {
        if (Completed.Count > 0)
        {
            status["completedIndexes"] = Completed.ToString();
        }

        if (Failed is not null)
        {
            // Present (possibly "") whenever backoffLimitPerIndex is set, as the controller writes it.
            status["failedIndexes"] = Failed.ToString();
        }
    }

    /// <summary>upstream podGenerateNameWithIndex: <c>&lt;job&gt;-&lt;index&gt;-</c>, the job name cut so the prefix fits 58 chars.</summary>
    public static string GenerateNamePrefix(string jobName, int index)
    {
        var suffix = $"-{index.ToString(CultureInfo.InvariantCulture)}-";
        var prefix = jobName + suffix;
        return prefix.Length > MaxGeneratedNameLength ? prefix[..(MaxGeneratedNameLength - suffix.Length)] + suffix : prefix;
    }

    /// <summary>
    /// What the controller adds to the template for one index: the index annotation and label, the failure count
    /// (only with backoffLimitPerIndex), hostname <c>&lt;job&gt;-&lt;index&gt;</c> and a <c>JOB_COMPLETION_INDEX</c>
    /// env var from the downward API in every (init) container that does not define it.
    /// </summary>
    public void Stamp(JsonObject podMeta, JsonObject podSpec, string jobName, int index, int failureCount)
    {
        var value = index.ToString(CultureInfo.InvariantCulture);
        var annotations = KubeObjects.Child(podMeta, "annotations");
        annotations[IndexKey] = value;
        if (HasBackoffLimitPerIndex)
        {
            annotations[FailureCountAnnotation] = failureCount.ToString(CultureInfo.InvariantCulture);
        }

        KubeObjects.Child(podMeta, "labels")[IndexKey] = value;
        podSpec["hostname"] = $"{jobName}-{value}";
        foreach (var key in new[] { "initContainers", "containers" })
        {
            foreach (var container in (podSpec[key] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (container["env"] is not JsonArray env)
                {
                    env = [];
                    container["env"] = env;
                }

                if (!env.OfType<JsonObject>().Any(e => KubeObjects.Str(e["name"]) == IndexEnvName))
                {
                    env.Add(new JsonObject
                    {
                        ["name"] = IndexEnvName,
                        ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["apiVersion"] = "v1", ["fieldPath"] = IndexFieldPath } },
                    });
                }
            }
        }
    }
}
