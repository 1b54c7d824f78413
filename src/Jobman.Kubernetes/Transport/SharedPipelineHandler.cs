namespace Jobman.Kubernetes.Transport;

/// <summary>
/// The generated client's last handler: hands each request to the connection's own pipeline instead of
/// KubernetesClient's socket handler, so hand-sent and generated requests share one connection pool, one TLS
/// set-up and one credential.
/// </summary>
/// <param name="pipeline">The connection's pipeline; not disposed here (the connection owns it).</param>
internal sealed class SharedPipelineHandler(HttpMessageInvoker pipeline) : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        pipeline.SendAsync(request, cancellationToken);
}
