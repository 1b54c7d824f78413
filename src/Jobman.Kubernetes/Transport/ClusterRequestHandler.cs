namespace Jobman.Kubernetes.Transport;

/// <summary>
/// What every request to the API server carries: the credential (renewed once after a 401 when the source can,
/// e.g. an exec plugin or a rotated token file), <c>tls-server-name</c> as the Host .NET takes the TLS name
/// (SNI and verification) from, and the <c>--request-timeout</c> bound until the answer starts.
/// </summary>
/// <param name="credential">The credential, or null.</param>
/// <param name="tlsServerName">The kubeconfig's <c>tls-server-name</c>, or null.</param>
/// <param name="requestTimeout">The bound, or null for none (kubectl's <c>--request-timeout=0</c>).</param>
public sealed class ClusterRequestHandler(ICredentialSource? credential, string? tlsServerName, TimeSpan? requestTimeout) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (tlsServerName is not null && request.RequestUri is { } uri)
        {
            request.Headers.Host = uri.IsDefaultPort ? tlsServerName : $"{tlsServerName}:{uri.Port}";
        }

        var response = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized || credential is null
            || !await credential.RefreshAfterUnauthorizedAsync(cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        response.Dispose();
        using var again = await CloneAsync(request).ConfigureAwait(false);
        return await SendOnceAsync(again, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (credential is not null && await credential.AuthorizationAsync(cancellationToken).ConfigureAwait(false) is { } authorization)
        {
            request.Headers.Remove("Authorization");
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (requestTimeout is not { } timeout)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            return await base.SendAsync(request, bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && bounded.IsCancellationRequested)
        {
            throw new TaskCanceledException($"no answer within the request timeout of {timeout.TotalSeconds:0.###} s", new TimeoutException("--request-timeout", ex));
        }
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var (name, values) in request.Headers)
        {
            clone.Headers.TryAddWithoutValidation(name, values);
        }

        if (request.Content is { } content)
        {
            var body = await content.ReadAsByteArrayAsync().ConfigureAwait(false);
            clone.Content = new ByteArrayContent(body);
            foreach (var (name, values) in content.Headers)
            {
                clone.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return clone;
    }
}
