using Jobman.Core;
using Jobman.Kubernetes;
using k8s.Models;

namespace Jobman.Plugins.KubernetesJobs.Arrays;

/// <summary>
/// Turns a Job into an Indexed Job running an array, and back (<see cref="Unwrap"/>, for reruns). Each task finds
/// its id in <c>JOBMAN_ARRAY_TASK_ID</c>: read by the downward API from the pod's completion index when ids are
/// 0..n-1, else, like sweep rows, sourced from the job's task table ConfigMap by a <c>/bin/sh</c> wrapper.
/// </summary>
internal static class ArrayManifest
{
    public const string NeedsCommand = "a sweep, or task ids other than 0..N-1, needs the command after '--': jobman runs it through /bin/sh with each task's variables";

    /// <summary>Applies <paramref name="plan"/> to <paramref name="job"/>.</summary>
    /// <returns>The task table ConfigMap to create with the job, or null when the job needs none.</returns>
    /// <exception cref="JobmanException">When a table is needed but there is no command to wrap (exit code 2).</exception>
    public static V1ConfigMap? Apply(V1Job job, ArrayPlan plan)
    {
        var spec = job.Spec;
        var count = plan.Array.TaskIds.Count;
        spec.CompletionMode = "Indexed";
        spec.Completions = count;
        spec.Parallelism = Math.Min(count, plan.Array.Parallelism ?? count);
        spec.BackoffLimitPerIndex = plan.RetriesPerIndex;
        // The global limit would otherwise stop the whole array after a few failed tasks (Kubernetes then uses MaxInt32).
        spec.BackoffLimit = null;
        spec.MaxFailedIndexes = plan.MaxFailed;

        job.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
        job.Metadata.Annotations[ArrayKeys.TaskIdsAnnotation] = plan.Array.IdsText;
        if (plan.SweepFile is { } file)
        {
            job.Metadata.Annotations[ArrayKeys.SweepAnnotation] = file;
        }

        var container = spec.Template.Spec.Containers[0];
        if (plan.Table is null)
        {
            container.Env ??= [];
            container.Env.Add(new V1EnvVar
            {
                Name = ArrayKeys.TaskIdVariable,
                ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = $"metadata.annotations['{ArrayKeys.CompletionIndex}']" } },
            });
            return null;
        }

        var command = (container.Command ?? []).Concat(container.Args ?? []).ToList();
        if (command.Count == 0)
        {
            throw JobmanException.Usage(NeedsCommand);
        }

        container.Command = ["/bin/sh", "-c", ArrayKeys.WrapperScript, ArrayKeys.MountPath, .. command];
        container.Args = null;
        container.VolumeMounts ??= [];
        container.VolumeMounts.Add(new V1VolumeMount { Name = ArrayKeys.VolumeName, MountPath = ArrayKeys.MountPath, ReadOnlyProperty = true });
        var tableName = ArrayKeys.TableName(job.Metadata.Name);
        spec.Template.Spec.Volumes ??= [];
        spec.Template.Spec.Volumes.Add(new V1Volume { Name = ArrayKeys.VolumeName, ConfigMap = new V1ConfigMapVolumeSource { Name = tableName } });
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = tableName,
                NamespaceProperty = job.Metadata.NamespaceProperty,
                Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [JobLabels.ManagedBy] = JobLabels.ManagedByValue },
            },
            Data = new Dictionary<string, string>(plan.Table, StringComparer.Ordinal),
        };
    }

    /// <summary>What <c>--dry-run</c> prints: the job, or (with a task table) a List that <c>kubectl apply -f</c> takes, table first.</summary>
    public static System.Text.Json.Nodes.JsonNode? DryRunDocument(V1Job job, V1ConfigMap? table) =>
        table is null ? KubeJson.ToNode(job) : new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "List",
            ["items"] = new System.Text.Json.Nodes.JsonArray(KubeJson.ToNode(table), KubeJson.ToNode(job)),
        };

    /// <summary>True when the job's tasks read their variables from a task table (sweeps, sparse task ids).</summary>
    public static bool HasTable(V1Job job) =>
        job.Spec?.Template?.Spec?.Containers?.FirstOrDefault()?.Command is { Count: >= 4 } command && command[0] == "/bin/sh" && command[2] == ArrayKeys.WrapperScript;

    /// <summary>
    /// Removes what <see cref="Apply"/> added (the array settings, the task variable, the wrapper and its volume), so
    /// a rerun can apply a new plan or none.
    /// </summary>
    public static void Unwrap(V1Job job)
    {
        var spec = job.Spec;
        spec.CompletionMode = null;
        spec.Completions = null;
        spec.Parallelism = null;
        spec.BackoffLimitPerIndex = null;
        spec.MaxFailedIndexes = null;
        job.Metadata.Annotations?.Remove(ArrayKeys.TaskIdsAnnotation);
        job.Metadata.Annotations?.Remove(ArrayKeys.SweepAnnotation);
        if (job.Metadata.Annotations is { Count: 0 })
        {
            job.Metadata.Annotations = null;
        }
        var pod = spec.Template.Spec;
        foreach (var container in pod.Containers)
        {
            container.Env = container.Env?.Where(e => e.Name != ArrayKeys.TaskIdVariable).ToList() is { Count: > 0 } env ? env : null;
            if (container.Command is { Count: >= 4 } command && command[0] == "/bin/sh" && command[2] == ArrayKeys.WrapperScript)
            {
                container.Command = command.Skip(4).ToList();
                container.VolumeMounts = container.VolumeMounts?.Where(m => m.Name != ArrayKeys.VolumeName).ToList() is { Count: > 0 } mounts ? mounts : null;
            }
        }

        pod.Volumes = pod.Volumes?.Where(v => v.Name != ArrayKeys.VolumeName).ToList() is { Count: > 0 } volumes ? volumes : null;
    }
}
