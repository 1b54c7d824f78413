using k8s.Models;

namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

/// <summary>Turns the slim list items into the client's model types, so status derivation has one input type.</summary>
internal static class SlimToModel
{
    public static V1Job ToModel(this SlimJob job) => new()
    {
        Metadata = job.Metadata?.ToModel(),
        Spec = job.Spec is { } spec
            ? new V1JobSpec
            {
                Suspend = spec.Suspend,
                BackoffLimit = spec.BackoffLimit,
                Template = new V1PodTemplateSpec { Spec = spec.Template?.Spec?.ToModel() },
            }
            : null,
        Status = job.Status is { } status
            ? new V1JobStatus
            {
                Conditions = status.Conditions?.Select(c => new V1JobCondition
                {
                    Type = c.Type,
                    Status = c.Status,
                    Reason = c.Reason,
                    Message = c.Message,
                    LastTransitionTime = c.LastTransitionTime,
                }).ToList(),
                Active = status.Active,
                Succeeded = status.Succeeded,
                Failed = status.Failed,
                StartTime = status.StartTime,
                CompletionTime = status.CompletionTime,
            }
            : null,
    };

    public static V1Pod ToModel(this SlimPod pod) => new()
    {
        Metadata = pod.Metadata?.ToModel(),
        Spec = pod.Spec?.ToModel(),
        Status = pod.Status is { } status
            ? new V1PodStatus
            {
                Phase = status.Phase,
                Reason = status.Reason,
                Conditions = status.Conditions?.Select(c => new V1PodCondition
                {
                    Type = c.Type,
                    Status = c.Status,
                    Reason = c.Reason,
                    Message = c.Message,
                    LastTransitionTime = c.LastTransitionTime,
                }).ToList(),
                ContainerStatuses = status.ContainerStatuses?.Select(c => new V1ContainerStatus
                {
                    Name = c.Name,
                    State = c.State?.ToModel(),
                    LastState = c.LastState?.ToModel(),
                }).ToList(),
            }
            : null,
    };

    private static V1ObjectMeta ToModel(this SlimObjectMeta meta) => new()
    {
        Name = meta.Name,
        NamespaceProperty = meta.Namespace,
        Uid = meta.Uid,
        CreationTimestamp = meta.CreationTimestamp,
        Labels = meta.Labels,
        Annotations = meta.Annotations,
        OwnerReferences = meta.OwnerReferences?.Select(o => new V1OwnerReference { Uid = o.Uid, Controller = o.Controller }).ToList(),
    };

    private static V1PodSpec ToModel(this SlimPodSpec spec) => new()
    {
        NodeName = spec.NodeName,
        Containers = spec.Containers?.Select(c => new V1Container { Name = c.Name, Image = c.Image }).ToList(),
    };

    private static V1ContainerState ToModel(this SlimContainerState state) => new()
    {
        Waiting = state.Waiting is { } waiting ? new V1ContainerStateWaiting { Reason = waiting.Reason } : null,
        Running = state.Running is { } running ? new V1ContainerStateRunning { StartedAt = running.StartedAt } : null,
        Terminated = state.Terminated is { } terminated ? new V1ContainerStateTerminated { Reason = terminated.Reason, ExitCode = terminated.ExitCode } : null,
    };
}
