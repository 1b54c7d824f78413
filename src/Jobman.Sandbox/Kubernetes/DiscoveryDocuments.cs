using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>Legacy (non-aggregated) discovery documents: enough for kubectl's RESTMapper and the C# client.</summary>
internal static class DiscoveryDocuments
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static JsonObject Version(string gitVersion)
    {
        var parts = gitVersion.TrimStart('v').Split('.');
        return new JsonObject
        {
            ["major"] = parts[0],
            ["minor"] = parts.Length > 1 ? parts[1] : "0",
            ["emulationMajor"] = parts[0],
            ["emulationMinor"] = parts.Length > 1 ? parts[1] : "0",
            ["gitVersion"] = gitVersion,
            ["gitCommit"] = "0000000000000000000000000000000000000000",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2026-01-01T00:00:00Z",
            ["goVersion"] = "go1.23.6",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        };
    }

    public static JsonObject ApiVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    /// <summary>The API groups served besides the core group with their versions (preferred first), in apiserver's order:
    /// built-in groups, then custom resources and aggregated APIs (Kueue).</summary>
    public static readonly IReadOnlyList<(string Name, string[] Versions)> Groups =
    [
        ("authentication.k8s.io", ["v1"]),
        ("authorization.k8s.io", ["v1"]),
        ("batch", ["v1"]),
        ("events.k8s.io", ["v1"]),
        (ResourceType.KueueGroup, ["v1beta2", "v1beta1"]),
        (Kueue.VisibilityEndpoints.Group, ["v1beta2", "v1beta1"]),
    ];

    public static bool IsServed(string group, bool kueue) =>
        Groups.Any(g => g.Name == group && (kueue || !IsKueueGroup(group)));

    public static bool IsKueueGroup(string group) => group == ResourceType.KueueGroup || group == Kueue.VisibilityEndpoints.Group;

    public static JsonObject ApiGroups(bool kueue) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(Groups.Where(g => kueue || !IsKueueGroup(g.Name)).Select(g => (JsonNode)Group(g.Name, g.Versions)).ToArray()),
    };

    public static JsonObject ApiGroup(string name)
    {
        var group = new JsonObject { ["kind"] = "APIGroup", ["apiVersion"] = "v1" };
        foreach (var (key, value) in Group(name, Groups.First(g => g.Name == name).Versions))
        {
            group[key] = value?.DeepClone();
        }

        return group;
    }

    private static JsonObject Group(string name, string[] versions) => new()
    {
        ["name"] = name,
        ["versions"] = new JsonArray(versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{name}/{v}", ["version"] = v }).ToArray()),
        ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{name}/{versions[0]}", ["version"] = versions[0] },
    };

    /// <summary>The resource list of <c>/apis/GROUP/VERSION</c>, or null for a group-version that is not served.</summary>
    public static JsonObject? GroupResources(string group, string version) => (group, version) switch
    {
        ("batch", "v1") => ResourceList("batch/v1",
            Resource("jobs", "job", true, "Job", AllVerbs, null, ["all"]),
            Resource("jobs/status", string.Empty, true, "Job", ["get", "patch", "update"])),
        ("authentication.k8s.io", "v1") => ResourceList("authentication.k8s.io/v1",
            Resource("selfsubjectreviews", "selfsubjectreview", false, "SelfSubjectReview", ["create"])),
        ("authorization.k8s.io", "v1") => ResourceList("authorization.k8s.io/v1",
            Resource("selfsubjectaccessreviews", "selfsubjectaccessreview", false, "SelfSubjectAccessReview", ["create"])),
        ("events.k8s.io", "v1") => ResourceList("events.k8s.io/v1",
            Resource("events", "event", true, "Event", ["get", "list", "watch"], ["ev"])),
        (ResourceType.KueueGroup, "v1beta2" or "v1beta1") => ResourceList($"{group}/{version}",
            Resource("clusterqueues", "clusterqueue", false, "ClusterQueue", AllVerbs, ["cq"]),
            Resource("clusterqueues/status", string.Empty, false, "ClusterQueue", ["get", "patch", "update"]),
            Resource("localqueues", "localqueue", true, "LocalQueue", AllVerbs, ["queue", "queues", "lq"]),
            Resource("localqueues/status", string.Empty, true, "LocalQueue", ["get", "patch", "update"]),
            Resource("resourceflavors", "resourceflavor", false, "ResourceFlavor", AllVerbs, ["flavor", "flavors", "rf"]),
            Resource("workloadpriorityclasses", "workloadpriorityclass", false, "WorkloadPriorityClass", AllVerbs, ["wpc"]),
            Resource("workloads", "workload", true, "Workload", AllVerbs, ["kwl", "kueueworkload", "kueueworkloads"]),
            Resource("workloads/status", string.Empty, true, "Workload", ["get", "patch", "update"])),
        (Kueue.VisibilityEndpoints.Group, "v1beta2" or "v1beta1") => ResourceList($"{group}/{version}",
            Resource("clusterqueues", "clusterqueue", false, "ClusterQueue", ["get"]),
            Resource("clusterqueues/pendingworkloads", string.Empty, false, "PendingWorkloadsSummary", ["get"]),
            Resource("localqueues", "localqueue", true, "LocalQueue", ["get"]),
            Resource("localqueues/pendingworkloads", string.Empty, true, "PendingWorkloadsSummary", ["get"])),
        _ => null,
    };

    public static JsonObject CoreResources() => ResourceList("v1",
        Resource("configmaps", "configmap", true, "ConfigMap", AllVerbs, ["cm"]),
        Resource("events", "event", true, "Event", ["get", "list", "watch"], ["ev"]),
        Resource("namespaces", "namespace", false, "Namespace", ["create", "delete", "get", "list", "patch", "update", "watch"], ["ns"]),
        Resource("pods", "pod", true, "Pod", AllVerbs, ["po"], ["all"]),
        Resource("pods/log", string.Empty, true, "Pod", ["get"]));

    private static JsonObject ResourceList(string groupVersion, params JsonObject[] resources) => new()
    {
        ["kind"] = "APIResourceList",
        ["apiVersion"] = "v1",
        ["groupVersion"] = groupVersion,
        ["resources"] = new JsonArray(resources.Select(r => (JsonNode)r).ToArray()),
    };

    private static JsonObject Resource(string name, string singular, bool namespaced, string kind, string[] verbs, string[]? shortNames = null, string[]? categories = null)
    {
        var resource = new JsonObject
        {
            ["name"] = name,
            ["singularName"] = singular,
            ["namespaced"] = namespaced,
            ["kind"] = kind,
            ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode?)v).ToArray()),
        };
        if (shortNames is not null)
        {
            resource["shortNames"] = new JsonArray(shortNames.Select(v => (JsonNode?)v).ToArray());
        }

        if (categories is not null)
        {
            resource["categories"] = new JsonArray(categories.Select(v => (JsonNode?)v).ToArray());
        }

        return resource;
    }
}
