namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// One request the double answered. <paramref name="User"/> is null for unauthenticated requests;
/// <paramref name="Protocol"/> is as Kestrel names it (<c>HTTP/1.1</c>, <c>HTTP/2</c>).
/// </summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string? User, int StatusCode, string Protocol = "HTTP/1.1");
