using System.Globalization;
using System.Text.Json.Nodes;
using Jobman.Kubernetes;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;

namespace Jobman.Plugins.KubernetesJobs.Status;

/// <summary>One job as list and details show it.</summary>
internal sealed record JobSummary(SlimJob Job, IReadOnlyList<SlimPod> Pods, JobState State, string Flavor, KueueInfo? Kueue = null)
{
    public string Name => Job.Metadata?.Name ?? "?";

    public DateTime? Created => Job.Metadata?.CreationTimestamp;

    public DateTime? Started => Job.Status?.StartTime;

    /// <summary>When it ended: completion time on success, the Failed condition's time on failure.</summary>
    public DateTime? Finished => Job.Status?.CompletionTime
        ?? Job.Status?.Conditions?.FirstOrDefault(c => c.Status == "True" && c.Type is "Failed" or "Complete")?.LastTransitionTime;

    public string Image => Job.Spec?.Template?.Spec?.Containers?.FirstOrDefault()?.Image ?? "-";

    public string Node => Pods.FirstOrDefault()?.Spec?.NodeName ?? "-";

    /// <summary>Builds a summary; never throws (odd data gives Unknown).</summary>
    public static JobSummary Create(SlimJob job, IEnumerable<SlimPod> allPods, string? flavorAnnotationKey, KueueInfo? kueue = null)
    {
        List<SlimPod> pods;
        try
        {
            pods = JobStatusDeriver.PodsOf(job, allPods);
        }
        catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException)
        {
            pods = [];
        }

        return new JobSummary(job, pods, JobStatusDeriver.Derive(job, pods, kueue), FlavorOf(job, flavorAnnotationKey), kueue);
    }

    /// <summary>The flavor: annotation under settings <c>job.resources.label</c>, the original's fixed key, then jobman's label.</summary>
    public static string FlavorOf(SlimJob job, string? flavorAnnotationKey)
    {
        var annotations = job.Metadata?.Annotations;
        foreach (var key in new[] { flavorAnnotationKey, JobLabels.LegacyFlavorAnnotation })
        {
            if (key is not null && annotations is not null && annotations.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value))
            {
                return value;
            }
        }

        return job.Metadata?.Labels is { } labels && labels.TryGetValue(JobLabels.Flavor, out var label) ? label : "-";
    }

    public string Duration(DateTime now) =>
        Started is { } start ? DurationText.Format((Finished ?? now) - start) : "-";

    public string Age(DateTime now) => Created is { } created ? DurationText.Format(now - created) : "-";

    public static string Time(DateTime? value) =>
        value is { } v ? v.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";

    public JsonObject ToJson(DateTime now) => new()
    {
        ["name"] = Name,
        ["namespace"] = Job.Metadata?.Namespace,
        ["status"] = State.Status,
        ["reason"] = State.Reason.Length == 0 ? null : State.Reason,
        ["flavor"] = Flavor == "-" ? null : Flavor,
        ["image"] = Image == "-" ? null : Image,
        ["created"] = Iso(Created),
        ["started"] = Iso(Started),
        ["finished"] = Iso(Finished),
        ["durationSeconds"] = Started is { } s ? (long)((Finished ?? now) - s).TotalSeconds : null,
        ["pods"] = Pods.Count,
        ["kueue"] = KueueJson(),
        ["array"] = Arrays.ArrayStatus.Of(Job)?.ToJson(),
    };

    /// <summary>Kueue's own names and 0-based positions, for scripts; null for jobs outside Kueue.</summary>
    private JsonObject? KueueJson() => Kueue is null ? null : new JsonObject
    {
        ["localQueue"] = Kueue.LocalQueue,
        ["workload"] = Kueue.Workload?.Name,
        ["clusterQueue"] = Kueue.Workload?.ClusterQueue,
        ["priority"] = Kueue.Workload?.Priority,
        ["positionInLocalQueue"] = Kueue.Position?.PositionInLocalQueue,
        ["positionInClusterQueue"] = Kueue.Position?.PositionInClusterQueue,
        ["evicted"] = Kueue.Workload?.Eviction,
    };

    private static string? Iso(DateTime? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
