using Jobman.Kubernetes.Transport;
using k8s;
using k8s.Authentication;

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

/// <summary>What a request sent by hand needs from the client: its HTTP pipeline (TLS, proxy, timeouts), base URI and credentials.</summary>
/// <param name="Http">The client's HttpClient.</param>
/// <param name="BaseUri">The API server's base URI (with any path prefix).</param>
/// <param name="Credentials">Adds the Authorization header; null for none.</param>
public sealed record ApiEndpoint(HttpClient Http, Uri BaseUri, ServiceClientCredentials? Credentials);
