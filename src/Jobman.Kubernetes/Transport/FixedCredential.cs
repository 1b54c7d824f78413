namespace Jobman.Kubernetes.Transport;

/// <summary>A credential that never changes: a kubeconfig <c>token</c> or <c>username</c>/<c>password</c>.</summary>
/// <param name="authorization">The header value.</param>
public sealed class FixedCredential(string authorization) : ICredentialSource
{
    /// <summary>Basic auth, as client-go sends it.</summary>
    /// <param name="user">User name.</param>
    /// <param name="password">Password.</param>
    /// <returns>The credential.</returns>
    public static FixedCredential Basic(string user, string password) =>
        new("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));

    /// <inheritdoc />
    public ValueTask<string?> AuthorizationAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(authorization);

    /// <inheritdoc />
    public ValueTask<bool> RefreshAfterUnauthorizedAsync(CancellationToken cancellationToken) => ValueTask.FromResult(false);
}
