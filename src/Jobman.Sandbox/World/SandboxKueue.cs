using Jobman.Sandbox.Kubernetes;
using Jobman.Sandbox.Kubernetes.Kueue;

namespace Jobman.Sandbox.World;

/// <summary>
/// <c>jobman sandbox --kueue</c>: a Kueue set-up like a small shared GPU cluster's. ClusterQueue
/// <c>sandbox-cluster-queue</c> (4 CPUs and 16 GiB in flavor <c>default-flavor</c>, 2 GPUs in <c>gpu-a100</c>, lower
/// priorities preempted), LocalQueue <c>user-queue</c> in the user's namespace, WorkloadPriorityClasses <c>high</c>
/// and <c>low</c>, and the reads of <c>deploy/kueue-readers-rbac.yaml</c> for every user.
/// </summary>
internal static class SandboxKueue
{
    public const string LocalQueue = "user-queue";
    public const string ClusterQueue = "sandbox-cluster-queue";

    public static void Seed(KubernetesApiServer server, string userNamespace)
    {
        server.Store.PutKueue(KueueObjects.ResourceFlavor("default-flavor"));
        server.Store.PutKueue(KueueObjects.ResourceFlavor("gpu-a100", new Dictionary<string, string> { ["nvidia.com/gpu.product"] = "NVIDIA-A100-SXM4-80GB" }));
        server.Store.PutKueue(KueueObjects.ClusterQueue(ClusterQueue, preemptWithinClusterQueue: "LowerPriority", flavors:
        [
            new KueueObjects.FlavorQuota("default-flavor", ("cpu", "4"), ("memory", "16Gi")),
            new KueueObjects.FlavorQuota("gpu-a100", ("nvidia.com/gpu", "2")),
        ]));
        server.Store.PutKueue(KueueObjects.LocalQueue(userNamespace, LocalQueue, ClusterQueue));
        server.Store.PutKueue(KueueObjects.PriorityClass("high", 1000, "Deadlines: preempts low and default jobs"));
        server.Store.PutKueue(KueueObjects.PriorityClass("low", -10, "Backfill: runs when nothing else waits"));
        // deploy/kueue-readers-rbac.yaml: the cluster-scoped reads that show quota and flavors to every user.
        server.GrantAuthenticated(
            new AccessRule(["get", "list", "watch"], ResourceType.KueueGroup, "clusterqueues"),
            new AccessRule(["get", "list", "watch"], ResourceType.KueueGroup, "resourceflavors"),
            new AccessRule(["get", "list", "watch"], ResourceType.KueueGroup, "workloadpriorityclasses"));
    }
}
