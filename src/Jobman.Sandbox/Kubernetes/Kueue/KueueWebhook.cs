using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>Kueue's mutating webhook for batch/v1 Jobs: a Job created with a queue name starts suspended until admitted.</summary>
internal static class KueueWebhook
{
    public static void DefaultJob(JsonObject job)
    {
        if (KubeObjects.Str(job["metadata"]?["labels"]?[KueueLabels.QueueName]) is { Length: > 0 })
        {
            KubeObjects.Child(job, "spec")["suspend"] = true;
        }
    }
}
