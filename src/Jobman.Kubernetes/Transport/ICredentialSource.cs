namespace Jobman.Kubernetes.Transport;

/// <summary>Where the Authorization header of each request comes from.</summary>
public interface ICredentialSource
{
    /// <summary>The header value (e.g. <c>Bearer abc</c>), or null to send none.</summary>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <returns>The value.</returns>
    ValueTask<string?> AuthorizationAsync(CancellationToken cancellationToken);

    /// <summary>Called once after a 401: true when a fresh credential was obtained and the request is worth resending.</summary>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <returns>Whether to resend.</returns>
    ValueTask<bool> RefreshAfterUnauthorizedAsync(CancellationToken cancellationToken);
}
