namespace Jobman.Sandbox.Harbor;

/// <summary>One request the double received.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Target">Raw path and query as sent (still encoded).</param>
/// <param name="HadAuthorization">An Authorization header was present.</param>
/// <param name="User">The authenticated user, or null for anonymous (bad credentials count as anonymous).</param>
/// <param name="ReceivedAt">When it arrived.</param>
public sealed record HarborRequest(string Method, string Target, bool HadAuthorization, string? User, DateTimeOffset ReceivedAt)
{
    /// <summary>The path part of <see cref="Target"/>.</summary>
    public string Path => Target.Split('?')[0];
}
