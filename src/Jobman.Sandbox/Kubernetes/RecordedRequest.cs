namespace Jobman.Sandbox.Kubernetes;

/// <summary>One request the double answered. <paramref name="User"/> is null for unauthenticated requests.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string? User, int StatusCode);
