using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>
/// The Workload Kueue's job integration makes for a queued Job: <c>job-&lt;name&gt;-&lt;5 hex&gt;</c>, owned by the Job,
/// labelled with its uid, one pod set <c>main</c> of <c>parallelism</c> pods, the priority of its WorkloadPriorityClass.
/// </summary>
internal static class WorkloadFactory
{
    public static string NameFor(string jobName, string jobUid)
    {
        var hash = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes($"{jobName}/{jobUid}/Job.batch")))[..5];
        var prefix = $"job-{jobName}";
        return $"{(prefix.Length > 247 ? prefix[..247] : prefix)}-{hash}";
    }

    public static JsonObject For(JsonObject job, JsonObject? priorityClass)
    {
        var name = KubeObjects.Name(job)!;
        var uid = KubeObjects.Uid(job)!;
        var spec = job["spec"] as JsonObject ?? [];
        var template = (spec["template"]?.DeepClone() as JsonObject) ?? [];
        var workloadSpec = new JsonObject
        {
            ["active"] = true,
            ["podSets"] = new JsonArray(new JsonObject
            {
                ["name"] = KueueLabels.DefaultPodSet,
                ["count"] = (int)(KubeObjects.Long(spec["parallelism"]) ?? 1),
                ["template"] = template,
            }),
            ["queueName"] = KubeObjects.Str(job["metadata"]?["labels"]?[KueueLabels.QueueName]),
        };
        if (priorityClass is not null)
        {
            workloadSpec["priority"] = (int)(KubeObjects.Long(priorityClass["value"]) ?? 0);
            workloadSpec["priorityClassRef"] = new JsonObject
            {
                ["group"] = ResourceType.KueueGroup,
                ["kind"] = "WorkloadPriorityClass",
                ["name"] = KubeObjects.Name(priorityClass),
            };
        }
        else
        {
            workloadSpec["priority"] = 0;
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = NameFor(name, uid),
                ["namespace"] = KubeObjects.Namespace(job),
                ["labels"] = new JsonObject { [KueueLabels.JobUid] = uid },
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "batch/v1",
                    ["kind"] = "Job",
                    ["name"] = name,
                    ["uid"] = uid,
                    ["controller"] = true,
                    ["blockOwnerDeletion"] = true,
                }),
                ["generation"] = 1,
            },
            ["spec"] = workloadSpec,
        };
    }
}
