namespace Jobman.Sandbox.Kubernetes;

/// <summary>The attributes RBAC authorises a resource request by (apiserver's authorizer.Attributes).</summary>
internal sealed record AccessRequest(string Verb, string ApiGroup, string Resource, string? Subresource, string? Namespace, string? Name)
{
    public static AccessRequest For(ApiRoute route, string verb) =>
        new(verb, route.Type.Group, route.Type.Plural, route.Subresource,
            route.Type == ResourceType.Namespaces ? route.Name : route.Namespace,
            route.Name);
}
