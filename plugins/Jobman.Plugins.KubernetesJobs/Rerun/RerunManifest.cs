using System.Text.Json.Nodes;
using Jobman.Kubernetes;
using k8s;
using k8s.Models;

namespace Jobman.Plugins.KubernetesJobs.Rerun;

/// <summary>
/// A new Job from an old one as the server sent it: everything the user (or jobman, or kubectl) wrote is kept, down
/// to fields jobman does not know; what the API server and the Job controller generated (identity, selector,
/// controller labels, status) is dropped so the server generates it afresh.
/// </summary>
internal static class RerunManifest
{
    private static readonly string[] ControllerLabels =
        [JobLabels.ControllerUid, JobLabels.LegacyControllerUid, JobLabels.JobName, JobLabels.LegacyJobName];

    private static readonly string[] GeneratedAnnotations =
        ["kubectl.kubernetes.io/last-applied-configuration", "batch.kubernetes.io/job-tracking", RerunChain.RerunOfAnnotation, RerunChain.ChainAnnotation];

    public static V1Job From(JsonObject old, string newName)
    {
        var job = (JsonObject)old.DeepClone();
        job.Remove("status");
        var meta = job["metadata"] as JsonObject ?? [];
        job["metadata"] = new JsonObject
        {
            ["name"] = newName,
            ["namespace"] = meta["namespace"]?.DeepClone(),
            ["labels"] = Without(meta["labels"], ControllerLabels),
            ["annotations"] = Without(meta["annotations"], GeneratedAnnotations),
        };
        if (job["spec"] is JsonObject spec)
        {
            spec.Remove("selector");
            spec.Remove("manualSelector");
            spec.Remove("suspend");
            if (spec["template"]?["metadata"] is JsonObject template)
            {
                template["labels"] = Without(template["labels"], ControllerLabels);
                template.Remove("creationTimestamp");
            }
        }

        var result = KubernetesJson.Deserialize<V1Job>(job.ToJsonString());
        result.Metadata.Labels ??= new Dictionary<string, string>(StringComparer.Ordinal);
        result.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
        result.Spec.Template.Metadata ??= new V1ObjectMeta();
        result.Spec.Template.Metadata.Labels ??= new Dictionary<string, string>(StringComparer.Ordinal);
        // jobman made this one, whoever made the first.
        result.Metadata.Labels[JobLabels.ManagedBy] = JobLabels.ManagedByValue;
        result.Spec.Template.Metadata.Labels[JobLabels.ManagedBy] = JobLabels.ManagedByValue;
        if (result.Metadata.Labels.ContainsKey(JobLabels.KueueQueueName))
        {
            // Kueue starts a queued job by unsuspending it.
            result.Spec.Suspend = true;
        }

        return result;
    }

    private static JsonObject? Without(JsonNode? map, string[] keys)
    {
        if (map is not JsonObject source)
        {
            return null;
        }

        var copy = (JsonObject)source.DeepClone();
        foreach (var key in keys)
        {
            copy.Remove(key);
        }

        return copy.Count == 0 ? null : copy;
    }
}
