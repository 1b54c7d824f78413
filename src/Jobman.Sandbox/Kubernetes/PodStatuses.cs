using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>Pod status shapes as the scheduler and kubelet write them (see contracts samples pod-*.json).</summary>
internal static class PodStatuses
{
    public static string UnschedulableMessage(string resource) =>
        $"0/1 nodes are available: 1 Insufficient {resource}. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.";

    public static JsonObject Condition(string type, bool status, DateTimeOffset at, string? reason = null, string? message = null)
    {
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = status ? "True" : "False",
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = KubeObjects.Time(at),
        };
        if (reason is not null)
        {
            condition["reason"] = reason;
        }

        if (message is not null)
        {
            condition["message"] = message;
        }

        return condition;
    }

    public static string QosClass(JsonObject pod)
    {
        var containers = (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var any = false;
        var guaranteed = containers.Count > 0;
        foreach (var c in containers)
        {
            var requests = c["resources"]?["requests"] as JsonObject;
            var limits = c["resources"]?["limits"] as JsonObject;
            any |= requests is { Count: > 0 } || limits is { Count: > 0 };
            foreach (var resource in new[] { "cpu", "memory" })
            {
                var limit = KubeObjects.Str(limits?[resource]);
                var request = KubeObjects.Str(requests?[resource]) ?? limit;
                guaranteed &= limit is not null && request == limit;
            }
        }

        return guaranteed ? "Guaranteed" : any ? "Burstable" : "BestEffort";
    }

    public static JsonObject Unschedulable(JsonObject pod, DateTimeOffset now, string resource) => new()
    {
        ["phase"] = "Pending",
        ["conditions"] = new JsonArray(Condition("PodScheduled", false, now, "Unschedulable", UnschedulableMessage(resource))),
        ["qosClass"] = QosClass(pod),
    };

    /// <summary>Scheduled, containers not started: every container waiting with <paramref name="reason"/>.</summary>
    public static JsonObject Waiting(JsonObject pod, PodNetwork network, DateTimeOffset scheduledAt, DateTimeOffset now, string reason, string? message)
    {
        var readyToStart = reason != "ContainerCreating";
        var status = new JsonObject
        {
            ["phase"] = "Pending",
            ["conditions"] = new JsonArray(
                Condition("PodReadyToStartContainers", readyToStart, now),
                Condition("Initialized", true, scheduledAt),
                Condition("Ready", false, scheduledAt, "ContainersNotReady", $"containers with unready status: [{string.Join(' ', ContainerNames(pod))}]"),
                Condition("ContainersReady", false, scheduledAt, "ContainersNotReady", $"containers with unready status: [{string.Join(' ', ContainerNames(pod))}]"),
                Condition("PodScheduled", true, scheduledAt)),
        };
        AddNetwork(status, network, readyToStart);
        status["startTime"] = KubeObjects.Time(scheduledAt);
        status["containerStatuses"] = new JsonArray(Containers(pod).Select(c =>
        {
            var waiting = new JsonObject { ["reason"] = reason };
            if (message is not null)
            {
                waiting["message"] = message.Replace("{image}", KubeObjects.Str(c["image"]), StringComparison.Ordinal);
            }

            return (JsonNode)ContainerStatus(c, new JsonObject { ["waiting"] = waiting }, false, null);
        }).ToArray());
        status["qosClass"] = QosClass(pod);
        return status;
    }

    public static JsonObject Running(JsonObject pod, PodNetwork network, DateTimeOffset scheduledAt, DateTimeOffset startedAt)
    {
        var status = new JsonObject
        {
            ["phase"] = "Running",
            ["conditions"] = new JsonArray(
                Condition("PodReadyToStartContainers", true, startedAt),
                Condition("Initialized", true, scheduledAt),
                Condition("Ready", true, startedAt),
                Condition("ContainersReady", true, startedAt),
                Condition("PodScheduled", true, scheduledAt)),
        };
        AddNetwork(status, network, true);
        status["startTime"] = KubeObjects.Time(scheduledAt);
        status["containerStatuses"] = new JsonArray(Containers(pod).Select(c => (JsonNode)ContainerStatus(c,
            new JsonObject { ["running"] = new JsonObject { ["startedAt"] = KubeObjects.Time(startedAt) } }, true, network.ContainerId(c))).ToArray());
        status["qosClass"] = QosClass(pod);
        return status;
    }

    public sealed record ContainerResult(string Name, int ExitCode, string Reason, DateTimeOffset? StartedAt, DateTimeOffset FinishedAt, string? Message = null)
    {
        /// <summary>Restarts under restartPolicy OnFailure, and the previous run's terminated state.</summary>
        public int RestartCount { get; init; }

        public JsonObject? LastTerminated { get; init; }
    }

    /// <summary>The <c>terminated</c> state of one container run.</summary>
    public static JsonObject TerminatedState(int exitCode, string reason, DateTimeOffset? startedAt, DateTimeOffset finishedAt, string? containerId, string? message = null)
    {
        var terminated = new JsonObject { ["exitCode"] = exitCode, ["reason"] = reason };
        if (message is not null)
        {
            terminated["message"] = message;
        }

        terminated["startedAt"] = startedAt is { } started ? KubeObjects.Time(started) : null;
        terminated["finishedAt"] = KubeObjects.Time(finishedAt);
        if (containerId is not null)
        {
            terminated["containerID"] = containerId;
        }

        return terminated;
    }

    /// <summary>Rewrites one container's status in place (OnFailure restarts) and the readiness conditions with it.</summary>
    public static void SetContainerState(JsonObject pod, string container, JsonObject state, bool running, int restartCount, JsonObject? lastTerminated, DateTimeOffset now)
    {
        var statuses = pod["status"]?["containerStatuses"] as JsonArray ?? [];
        foreach (var status in statuses.OfType<JsonObject>().Where(c => KubeObjects.Str(c["name"]) == container))
        {
            status["state"] = state;
            status["lastState"] = lastTerminated is null ? new JsonObject() : new JsonObject { ["terminated"] = lastTerminated.DeepClone() };
            status["ready"] = running;
            status["restartCount"] = restartCount;
            status["started"] = running;
        }

        var allReady = statuses.OfType<JsonObject>().All(c => KubeObjects.Bool(c["ready"]) == true);
        var notReady = statuses.OfType<JsonObject>().Where(c => KubeObjects.Bool(c["ready"]) != true).Select(c => KubeObjects.Str(c["name"]));
        foreach (var type in new[] { "Ready", "ContainersReady" })
        {
            if (pod["status"] is JsonObject podStatus && KubeObjects.Condition(podStatus, type) is { } condition
                && (KubeObjects.Str(condition["status"]) == "True") != allReady)
            {
                var replacement = allReady
                    ? Condition(type, true, now)
                    : Condition(type, false, now, "ContainersNotReady", $"containers with unready status: [{string.Join(' ', notReady)}]");
                var conditions = (JsonArray)podStatus["conditions"]!;
                conditions[conditions.IndexOf(condition)] = replacement;
            }
        }
    }

    public static JsonObject Terminated(JsonObject pod, PodNetwork network, DateTimeOffset scheduledAt, IReadOnlyList<ContainerResult> results)
    {
        var finishedAt = results.Count == 0 ? DateTimeOffset.UtcNow : results.Max(r => r.FinishedAt);
        var succeeded = results.All(r => r.ExitCode == 0);
        var status = new JsonObject
        {
            ["phase"] = succeeded ? "Succeeded" : "Failed",
            ["conditions"] = new JsonArray(
                Condition("PodReadyToStartContainers", false, finishedAt),
                Condition("Initialized", true, scheduledAt, "PodCompleted"),
                Condition("Ready", false, finishedAt, "PodCompleted"),
                Condition("ContainersReady", false, finishedAt, "PodCompleted"),
                Condition("PodScheduled", true, scheduledAt)),
        };
        AddNetwork(status, network, true);
        status["startTime"] = KubeObjects.Time(scheduledAt);
        status["containerStatuses"] = new JsonArray(Containers(pod).Select(c =>
        {
            var result = results.First(r => r.Name == KubeObjects.Str(c["name"]));
            var containerId = result.StartedAt is null ? null : network.ContainerId(c);
            var terminated = TerminatedState(result.ExitCode, result.Reason, result.StartedAt, result.FinishedAt, containerId, result.Message);
            var status = ContainerStatus(c, new JsonObject { ["terminated"] = terminated }, false, containerId);
            status["restartCount"] = result.RestartCount;
            if (result.LastTerminated is not null)
            {
                status["lastState"] = new JsonObject { ["terminated"] = result.LastTerminated.DeepClone() };
            }

            return (JsonNode)status;
        }).ToArray());
        status["qosClass"] = QosClass(pod);
        return status;
    }

    public static IEnumerable<JsonObject> Containers(JsonObject pod) => (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>();

    public static List<string> ContainerNames(JsonObject pod) => Containers(pod).Select(c => KubeObjects.Str(c["name"]) ?? string.Empty).ToList();

    private static void AddNetwork(JsonObject status, PodNetwork network, bool withPodIp)
    {
        status["hostIP"] = network.HostIp;
        status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = network.HostIp });
        if (withPodIp)
        {
            status["podIP"] = network.PodIp;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = network.PodIp });
        }
    }

    private static JsonObject ContainerStatus(JsonObject container, JsonObject state, bool running, string? containerId)
    {
        var image = KubeObjects.Str(container["image"]) ?? string.Empty;
        var status = new JsonObject
        {
            ["name"] = KubeObjects.Str(container["name"]),
            ["state"] = state,
            ["lastState"] = new JsonObject(),
            ["ready"] = running,
            ["restartCount"] = 0,
            ["image"] = image,
            ["imageID"] = containerId is null ? string.Empty : $"{image.Split('@')[0]}@sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(image)))}",
        };
        if (containerId is not null)
        {
            status["containerID"] = containerId;
        }

        status["started"] = running;
        return status;
    }
}
