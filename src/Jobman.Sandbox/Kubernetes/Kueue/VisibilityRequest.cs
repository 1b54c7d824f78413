namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>
/// A request to Kueue's visibility API: <c>/apis/visibility.kueue.x-k8s.io/{v1beta2|v1beta1}/namespaces/{ns}/localqueues/{lq}/pendingworkloads</c>
/// or <c>.../clusterqueues/{cq}/pendingworkloads</c>, authorised as <c>get</c> on the <c>pendingworkloads</c> subresource.
/// </summary>
internal sealed record VisibilityRequest(ResourceType Type, string? Namespace, string Name)
{
    public const string Subresource = "pendingworkloads";

    public AccessRequest Access => new("get", VisibilityEndpoints.Group, Type.Plural, Subresource, Namespace, Name);

    public static VisibilityRequest? Parse(string path)
    {
        var s = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        if (s.Length < 6 || s[0] != "apis" || s[1] != VisibilityEndpoints.Group || s[2] is not ("v1beta2" or "v1beta1") || s[^1] != Subresource)
        {
            return null;
        }

        if (s.Length == 6 && s[3] == "clusterqueues")
        {
            return new VisibilityRequest(new ResourceType("clusterqueues", VisibilityEndpoints.Group, s[2], "ClusterQueue", false), null, s[4]);
        }

        return s.Length == 8 && s[3] == "namespaces" && s[5] == "localqueues"
            ? new VisibilityRequest(new ResourceType("localqueues", VisibilityEndpoints.Group, s[2], "LocalQueue", true), s[4], s[6])
            : null;
    }
}
