namespace Jobman.Sandbox.Kubernetes;

/// <summary>A resource request path split the way apiserver's RequestInfoFactory does it.</summary>
internal sealed record ApiRoute(ResourceType Type, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>Returns null for paths that are not resource paths of a served group/version.</summary>
    public static ApiRoute? Parse(string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        string group;
        string version;
        string[] rest;
        if (segments.Length >= 2 && segments[0] == "api" && segments[1] == "v1")
        {
            group = string.Empty;
            version = "v1";
            rest = segments[2..];
        }
        else if (segments.Length >= 3 && segments[0] == "apis")
        {
            group = segments[1];
            version = segments[2];
            rest = segments[3..];
        }
        else
        {
            return null;
        }

        if (rest.Length == 0)
        {
            return null;
        }

        if (rest[0] == "namespaces" && group.Length == 0 && rest.Length <= 2)
        {
            var name = rest.Length == 2 ? rest[1] : null;
            return new ApiRoute(ResourceType.Namespaces, name, name, null);
        }

        if (rest[0] == "namespaces" && rest.Length >= 3)
        {
            var type = ResourceType.Find(group, rest[2], version);
            if (type is null || !type.Namespaced || rest.Length > 5)
            {
                return null;
            }

            return new ApiRoute(type, rest[1], rest.Length >= 4 ? rest[3] : null, rest.Length == 5 ? rest[4] : null);
        }

        var clusterWide = ResourceType.Find(group, rest[0], version);
        if (clusterWide is null || rest.Length > 3)
        {
            return null;
        }

        // Cluster-scoped kinds (Kueue's ClusterQueue, ResourceFlavor...) have names and subresources; for namespaced
        // kinds this is the all-namespaces collection only.
        if (!clusterWide.Namespaced)
        {
            return new ApiRoute(clusterWide, null, rest.Length >= 2 ? rest[1] : null, rest.Length == 3 ? rest[2] : null);
        }

        return rest.Length == 1 ? new ApiRoute(clusterWide, null, null, null) : null;
    }

    public string Verb(string method, bool watch) => method switch
    {
        "GET" when Name is null => watch ? "watch" : "list",
        "GET" => "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" => Name is null ? "deletecollection" : "delete",
        _ => method.ToLowerInvariant(),
    };
}
