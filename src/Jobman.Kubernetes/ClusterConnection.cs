using Jobman.Kubernetes.Transport;
using k8s;

namespace Jobman.Kubernetes;

/// <summary>
/// A connection to the API server with the namespace and identity it was configured for. Requests sent by hand
/// (<see cref="ApiGetRequest"/>: lists, logs, watches) use <see cref="Endpoint"/> directly; KubernetesClient's
/// generated client is built on first use of <see cref="Client"/> and sends through the same pipeline (one
/// connection pool, one TLS set-up). Building it costs ~45 ms of a cold process (loading and compiling its
/// large client types), which <c>list</c> and <c>details</c> never pay (bench/RESULTS.md, issue 14).
/// </summary>
public sealed class ClusterConnection : IDisposable
{
    private readonly HttpMessageHandler _pipeline;
    private IKubernetes? _client;

    /// <summary>Creates the connection; no request is sent.</summary>
    /// <param name="endpoint">The client over <paramref name="pipeline"/> and the base URI.</param>
    /// <param name="pipeline">The HTTP pipeline (TLS, proxy, credentials, timeouts); disposed with <see cref="ApiEndpoint.Http"/>.</param>
    /// <param name="ns">The namespace commands act in.</param>
    /// <param name="server">The API server URL (for messages).</param>
    /// <param name="userName">The kubeconfig user entry name (for messages; never a credential).</param>
    /// <param name="tls">The server certificate policy (null for http://).</param>
    internal ClusterConnection(ApiEndpoint endpoint, HttpMessageHandler pipeline, string ns, string server, string userName, ServerCertificatePolicy? tls)
    {
        _pipeline = pipeline;
        Endpoint = endpoint;
        Namespace = ns;
        Server = server;
        UserName = userName;
        Tls = tls;
    }

    /// <summary>KubernetesClient's generated client, built on first use.</summary>
    public IKubernetes Client => _client ??= new k8s.Kubernetes(
        new KubernetesClientConfiguration { Host = Endpoint.BaseUri.ToString() },
        new SharedPipelineHandler(new HttpMessageInvoker(_pipeline, disposeHandler: false)));

    /// <summary>The pipeline and base URI for requests sent by hand.</summary>
    public ApiEndpoint Endpoint { get; }

    /// <summary>The namespace commands act in.</summary>
    public string Namespace { get; }

    /// <summary>The API server URL (for messages).</summary>
    public string Server { get; }

    /// <summary>The kubeconfig user entry name (for messages; never a credential).</summary>
    public string UserName { get; }

    /// <summary>The server certificate policy, which knows why a certificate was refused (null for http://).</summary>
    public ServerCertificatePolicy? Tls { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        _client?.Dispose();
        Endpoint.Http.Dispose();
    }
}
