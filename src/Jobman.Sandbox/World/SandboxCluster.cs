using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Sandbox.World;

/// <summary>
/// What a shared cluster set up for jobman has, seeded into the sandbox's API server: the queue namespace with the
/// publisher's service account and the least-privilege RBAC of <c>deploy/publisher-rbac.yaml</c>, the queue readers'
/// role of <c>deploy/queue-readers-rbac.yaml</c>, and the cluster flavors ConfigMap of
/// <c>deploy/cluster-flavors-example.yaml</c> readable by every authenticated user.
/// </summary>
internal static class SandboxCluster
{
    public const string QueueNamespace = "jobman-queue";
    public const string QueueConfigMap = "jobman-queue-position";
    public const string PublisherAccount = "jobman-queue-publisher";
    public const string FlavorsNamespace = "default";
    public const string FlavorsConfigMap = "jobman-jobs-config";

    /// <summary>Seeds the cluster set-up; returns the publisher's token.</summary>
    public static string Seed(KubernetesApiServer server)
    {
        server.Store.CreateNamespace(QueueNamespace);
        var publisherToken = server.AddServiceAccount(QueueNamespace, PublisherAccount,
            new AccessRule(["list"], "batch", "jobs"),
            new AccessRule(["list"], string.Empty, "pods"),
            new AccessRule(["get", "update"], string.Empty, "configmaps", QueueNamespace, [QueueConfigMap]),
            new AccessRule(["create"], string.Empty, "configmaps", QueueNamespace));
        server.GrantAuthenticated(
            new AccessRule(["get"], string.Empty, "configmaps", QueueNamespace, [QueueConfigMap]),
            new AccessRule(["get"], string.Empty, "configmaps", FlavorsNamespace, [FlavorsConfigMap]));
        server.Store.PutConfigMap(FlavorsNamespace, FlavorsConfigMap, new Dictionary<string, string> { ["flavors"] = Flavors().ToJsonString(new() { WriteIndented = true }) });
        return publisherToken;
    }

    /// <summary>True when a container of the pod requests or limits NVIDIA GPUs.</summary>
    public static bool RequestsGpu(JsonObject pod) =>
        (pod["spec"]?["containers"] as JsonArray ?? []).Any(c =>
            c?["resources"]?["requests"]?["nvidia.com/gpu"] is not null || c?["resources"]?["limits"]?["nvidia.com/gpu"] is not null);

    /// <summary>Cluster-wide flavors, in the shape of settings job.resources.predefined (one small enough to try, one GPU).</summary>
    private static JsonArray Flavors() =>
    [
        Flavor("tiny-cpu", "Cluster flavor: half a core, 512 MiB", "500m", "512Mi", null),
        Flavor("large-gpu", "Cluster flavor: two NVIDIA GPUs, 16 cores, 64 GiB", "16", "64Gi", "2"),
    ];

    private static JsonObject Flavor(string name, string description, string cpu, string memory, string? gpus)
    {
        JsonObject Resources()
        {
            var set = new JsonObject { ["cpu"] = cpu, ["memory"] = memory };
            if (gpus is not null)
            {
                set["nvidia.com/gpu"] = gpus;
            }

            return set;
        }

        return new JsonObject
        {
            ["name"] = name,
            ["description"] = description,
            ["resources"] = new JsonObject { ["requests"] = Resources(), ["limits"] = Resources() },
        };
    }
}
