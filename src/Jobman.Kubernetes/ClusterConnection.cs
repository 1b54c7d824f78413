using Jobman.Kubernetes.Transport;
using k8s;

namespace Jobman.Kubernetes;

/// <summary>A Kubernetes client with the namespace and identity it was configured for.</summary>
/// <param name="Client">The API client.</param>
/// <param name="Endpoint">The same connection for requests sent by hand (<see cref="ApiGetRequest"/>).</param>
/// <param name="Namespace">The namespace commands act in.</param>
/// <param name="Server">The API server URL (for messages).</param>
/// <param name="UserName">The kubeconfig user entry name (for messages; never a credential).</param>
/// <param name="Tls">The server certificate policy, which knows why a certificate was refused (null for http://).</param>
public sealed record ClusterConnection(IKubernetes Client, ApiEndpoint Endpoint, string Namespace, string Server, string UserName, ServerCertificatePolicy? Tls = null) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Client.Dispose();
}
