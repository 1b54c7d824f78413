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

    /// <summary>The API groups served besides the core group, in the order apiserver lists them.</summary>
    public static readonly string[] Groups = ["authentication.k8s.io", "authorization.k8s.io", "batch", "events.k8s.io"];

    public static JsonObject ApiGroups() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(Groups.Select(g => (JsonNode)Group(g)).ToArray()),
    };

    public static JsonObject ApiGroup(string name)
    {
        var group = new JsonObject { ["kind"] = "APIGroup", ["apiVersion"] = "v1" };
        foreach (var (key, value) in Group(name))
        {
            group[key] = value?.DeepClone();
        }

        return group;
    }

    private static JsonObject Group(string name) => new()
    {
        ["name"] = name,
        ["versions"] = new JsonArray(new JsonObject { ["groupVersion"] = $"{name}/v1", ["version"] = "v1" }),
        ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{name}/v1", ["version"] = "v1" },
    };

    /// <summary>The resource list of <c>/apis/GROUP/v1</c>, or null for a group that is not served.</summary>
    public static JsonObject? GroupResources(string group) => group switch
    {
        "batch" => ResourceList("batch/v1",
            Resource("jobs", "job", true, "Job", AllVerbs, null, ["all"]),
            Resource("jobs/status", string.Empty, true, "Job", ["get", "patch", "update"])),
        "authentication.k8s.io" => ResourceList("authentication.k8s.io/v1",
            Resource("selfsubjectreviews", "selfsubjectreview", false, "SelfSubjectReview", ["create"])),
        "authorization.k8s.io" => ResourceList("authorization.k8s.io/v1",
            Resource("selfsubjectaccessreviews", "selfsubjectaccessreview", false, "SelfSubjectAccessReview", ["create"])),
        "events.k8s.io" => ResourceList("events.k8s.io/v1",
            Resource("events", "event", true, "Event", ["get", "list", "watch"], ["ev"])),
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
