using k8s;

namespace Jobman.Kubernetes;

/// <summary>A Kubernetes client with the namespace and identity it was configured for.</summary>
/// <param name="Client">The API client.</param>
/// <param name="Namespace">The namespace commands act in.</param>
/// <param name="Server">The API server URL (for messages).</param>
/// <param name="UserName">The kubeconfig user entry name (for messages; never a credential).</param>
public sealed record ClusterConnection(IKubernetes Client, string Namespace, string Server, string UserName) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Client.Dispose();
}
