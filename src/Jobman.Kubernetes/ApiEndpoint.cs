namespace Jobman.Kubernetes;

/// <summary>What a request sent by hand needs: the connection's HTTP pipeline (TLS, proxy, credentials, timeouts) and base URI.</summary>
/// <param name="Http">The client over the pipeline.</param>
/// <param name="BaseUri">The API server's base URI (with any path prefix).</param>
public sealed record ApiEndpoint(HttpClient Http, Uri BaseUri);
