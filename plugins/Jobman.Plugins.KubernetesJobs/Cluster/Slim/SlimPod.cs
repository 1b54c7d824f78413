namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

/// <summary>jobman's read model of a Pod (status, owner, node, containers); never turned into a <c>V1Pod</c>.</summary>

internal sealed class SlimPod
{
    public SlimObjectMeta? Metadata { get; init; }

    public SlimPodSpec? Spec { get; init; }

    public SlimPodStatus? Status { get; init; }
}

internal sealed class SlimPodSpec
{
    public string? NodeName { get; init; }

    public List<SlimContainer>? Containers { get; init; }
}

internal sealed class SlimContainer
{
    public string? Name { get; init; }

    public string? Image { get; init; }

    public List<string>? Command { get; init; }

    public List<string>? Args { get; init; }
}

internal sealed class SlimPodStatus
{
    public string? Phase { get; init; }

    public string? Reason { get; init; }

    public List<SlimCondition>? Conditions { get; init; }

    public List<SlimContainerStatus>? ContainerStatuses { get; init; }
}

internal sealed class SlimContainerStatus
{
    public string? Name { get; init; }

    public SlimContainerState? State { get; init; }

    public SlimContainerState? LastState { get; init; }
}

internal sealed class SlimContainerState
{
    public SlimWaiting? Waiting { get; init; }

    public SlimRunning? Running { get; init; }

    public SlimTerminated? Terminated { get; init; }
}

internal sealed class SlimWaiting
{
    public string? Reason { get; init; }

    public string? Message { get; init; }
}

internal sealed class SlimRunning
{
    public DateTime? StartedAt { get; init; }
}

internal sealed class SlimTerminated
{
    public string? Reason { get; init; }

    public int ExitCode { get; init; }
}
