using k8s.Authentication;

namespace Jobman.Kubernetes;

/// <summary>What a request sent by hand needs from the client: its HTTP pipeline (TLS, proxy, timeouts), base URI and credentials.</summary>
/// <param name="Http">The client's HttpClient.</param>
/// <param name="BaseUri">The API server's base URI (with any path prefix).</param>
/// <param name="Credentials">Adds the Authorization header; null for none.</param>
public sealed record ApiEndpoint(HttpClient Http, Uri BaseUri, ServiceClientCredentials? Credentials);
