namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// One RBAC PolicyRule as bound to a subject: <paramref name="Verbs"/> on <paramref name="Resource"/> (or
/// <c>resource/subresource</c>) of <paramref name="ApiGroup"/>, in <paramref name="Namespace"/> (a Role with a
/// RoleBinding) or everywhere when null (a ClusterRole with a ClusterRoleBinding), optionally only the objects named
/// in <paramref name="ResourceNames"/>. <c>*</c> matches any verb, group or resource, as in RBAC.
/// </summary>
public sealed record AccessRule(IReadOnlyList<string> Verbs, string ApiGroup, string Resource, string? Namespace = null, IReadOnlyList<string>? ResourceNames = null)
{
    internal bool Allows(AccessRequest request)
    {
        if (Namespace is not null && Namespace != request.Namespace)
        {
            return false;
        }

        var resource = request.Subresource is null ? request.Resource : $"{request.Resource}/{request.Subresource}";
        return Matches(Verbs, request.Verb)
            && (ApiGroup == "*" || ApiGroup == request.ApiGroup)
            && (Resource == "*" || Resource == resource)
            // Like RBAC: a rule limited to names never allows requests without a name (list, watch, create).
            && (ResourceNames is not { Count: > 0 } || (request.Name is not null && ResourceNames.Contains(request.Name)));
    }

    private static bool Matches(IReadOnlyList<string> values, string value) => values.Contains("*") || values.Contains(value);
}
