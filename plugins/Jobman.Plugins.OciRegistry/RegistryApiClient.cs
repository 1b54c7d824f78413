using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jobman.Core;
using Jobman.Core.Hosting;
using Jobman.Http;
using Jobman.Registries;

namespace Jobman.Plugins.OciRegistry;

/// <summary>
/// GETs from the registry HTTP API v2 with anonymous, basic or bearer-token auth (answering the registry's
/// <c>WWW-Authenticate</c> challenge), retries under the shared policy (429, 5xx, dropped connections), and turns every failure into one
/// <see cref="JobmanException"/> line.
/// </summary>
internal sealed class RegistryApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _baseUri;
    private readonly RegistryCredentials? _credentials;
    private readonly RegistryTls _tls;
    private readonly RetryPolicy _retry;

    // Authorization header per token scope ("repository:NAME:pull", "registry:catalog:*"): a bearer token is only
    // good for the scope it was issued for, so each repository gets its own.
    private readonly ConcurrentDictionary<string, string> _authorizationByScope = new(StringComparer.Ordinal);
    private volatile bool _bearerChallengeSeen;

    public RegistryApiClient(Uri baseUri, RegistryCredentials? credentials, RegistryTls tls, JobmanEnvironment environment, RetryPolicy? retry = null)
    {
        _retry = retry ?? RetryPolicy.Default;
        _baseUri = baseUri;
        _credentials = credentials;
        _tls = tls;
        var handler = RegistryHttpHandler.Create(tls, environment);
        handler.AutomaticDecompression = DecompressionMethods.All;
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("jobman-oci", "1.0"));
    }

    /// <summary>The registry as shown in messages (<c>https://host:port</c>).</summary>
    public string Registry => _baseUri.GetLeftPart(UriPartial.Authority);

    public static RegistryApiClient Create(OciRegistrySettings settings, JobmanEnvironment environment)
    {
        var baseUri = settings.BaseUri();
        if (settings.Insecure && baseUri.Scheme == Uri.UriSchemeHttps)
        {
            environment.Warn($"'{OciRegistrySettings.SectionName}.insecure' is true: the TLS certificate of {baseUri.GetLeftPart(UriPartial.Authority)} is NOT verified");
        }

        var caBundle = settings.CaBundle is { Length: > 0 } configured ? PathResolver.Resolve(configured, environment) : null;
        var tls = RegistryTls.Create(caBundle, settings.Insecure, $"{OciRegistrySettings.SectionName}.caBundle");
        var credentials = RegistryCredentials.Resolve(settings, environment);
        if (credentials is not null && baseUri.Scheme == Uri.UriSchemeHttp && !baseUri.IsLoopback)
        {
            environment.Warn($"registry credentials of user '{credentials.Username}' are sent unencrypted to {baseUri.GetLeftPart(UriPartial.Authority)}; use an https:// '{OciRegistrySettings.SectionName}.url'");
        }

        return new RegistryApiClient(baseUri, credentials, tls, environment);
    }

    /// <summary>GETs a registry path (relative to the registry root).</summary>
    /// <param name="relative">E.g. <c>/v2/_catalog?n=100</c> or a <c>Link</c> target.</param>
    /// <param name="accept">The Accept header.</param>
    /// <param name="what">What is asked for, for messages ("the repository catalog").</param>
    /// <param name="notFoundIsNull">Return null on 404 instead of failing.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    public async Task<RegistryResponse?> GetAsync(string relative, string accept, string what, bool notFoundIsNull, CancellationToken cancellationToken)
    {
        var uri = new Uri(_baseUri, relative);
        var scope = ScopeOf(uri.AbsolutePath);
        var reauthenticated = false;
        while (true)
        {
            var authorization = AuthorizationFor(scope);
            using var response = await SendAsync(
                () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, uri);
                    request.Headers.TryAddWithoutValidation("Accept", accept);
                    if (authorization is not null)
                    {
                        request.Headers.TryAddWithoutValidation("Authorization", authorization);
                    }

                    return request;
                },
                what,
                cancellationToken).ConfigureAwait(false);

            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var digests) ? digests.FirstOrDefault() : null;
                return new RegistryResponse(body, response.Content.Headers.ContentType?.MediaType, LinkHeader.Next(response.Headers), digest, Registry, what);
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && !reauthenticated
                && await TryAuthenticateAsync(response, scope, authorization, cancellationToken).ConfigureAwait(false))
            {
                reauthenticated = true;
                continue;
            }

            if (response.StatusCode == HttpStatusCode.NotFound && notFoundIsNull)
            {
                return null;
            }

            throw await ErrorAsync(response, what, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _http.Dispose();

    private static string ScopeOf(string path)
    {
        if (path.StartsWith("/v2/_catalog", StringComparison.Ordinal))
        {
            return "registry:catalog:*";
        }

        foreach (var marker in new[] { "/tags/", "/manifests/", "/blobs/" })
        {
            var at = path.LastIndexOf(marker, StringComparison.Ordinal);
            if (path.StartsWith("/v2/", StringComparison.Ordinal) && at > 4)
            {
                return $"repository:{path[4..at]}:pull";
            }
        }

        return string.Empty;
    }

    private string? AuthorizationFor(string scope) =>
        _authorizationByScope.TryGetValue(scope, out var known) ? known
        : !_bearerChallengeSeen && _credentials is not null ? "Basic " + _credentials.BasicHeaderValue
        : null;

    private async Task<bool> TryAuthenticateAsync(HttpResponseMessage response, string scope, string? sent, CancellationToken cancellationToken)
    {
        var challenge = AuthChallenge.From(response.Headers);
        if (challenge is { IsBearer: true })
        {
            _bearerChallengeSeen = true;
            var token = await FetchTokenAsync(challenge, cancellationToken).ConfigureAwait(false);
            _authorizationByScope[scope] = "Bearer " + token;
            return true;
        }

        var basic = _credentials is null ? null : "Basic " + _credentials.BasicHeaderValue;
        if (challenge is { IsBasic: true } && basic is not null && sent != basic)
        {
            _authorizationByScope[scope] = basic;
            return true;
        }

        return false;
    }

    private async Task<string> FetchTokenAsync(AuthChallenge challenge, CancellationToken cancellationToken)
    {
        var realmText = challenge.Parameter("realm");
        if (!Uri.TryCreate(realmText, UriKind.Absolute, out var realm))
        {
            throw new JobmanException($"registry {Registry} asks for a bearer token but names no valid token realm ('{realmText}')");
        }

        var query = new List<string>();
        if (challenge.Parameter("service") is { Length: > 0 } service)
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }

        foreach (var scope in (challenge.Parameter("scope") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            query.Add("scope=" + Uri.EscapeDataString(scope));
        }

        if (_credentials is not null)
        {
            query.Add("account=" + Uri.EscapeDataString(_credentials.Username));
        }

        var separator = string.IsNullOrEmpty(realm.Query) ? "?" : "&";
        var tokenUri = new Uri(realm + (query.Count > 0 ? separator + string.Join('&', query) : string.Empty));
        var tokenServer = realm.GetLeftPart(UriPartial.Authority);
        using var response = await SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, tokenUri);
                if (_credentials is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _credentials.BasicHeaderValue);
                }

                return request;
            },
            "a bearer token",
            cancellationToken).ConfigureAwait(false);

        if (!response.IsSuccessStatusCode)
        {
            var detail = await DetailAsync(response, cancellationToken).ConfigureAwait(false);
            throw response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? new JobmanException(_credentials is null
                    ? $"token server {tokenServer} of registry {Registry} refused anonymous access ({detail}); {CredentialsHint}"
                    : $"token server {tokenServer} of registry {Registry} rejected the credentials of user '{_credentials.Username}' ({detail})")
                : new JobmanException($"token server {tokenServer} of registry {Registry} answered {detail}");
        }

        try
        {
            var json = JsonNode.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            var token = (json?["token"] ?? json?["access_token"])?.GetValue<string>();
            return token is { Length: > 0 } ? token : throw new JobmanException($"token server {tokenServer} of registry {Registry} sent no token");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new JobmanException($"token server {tokenServer} of registry {Registry} sent an invalid token response", innerException: ex);
        }
    }

    private static string CredentialsHint =>
        $"set '{OciRegistrySettings.SectionName}.username' and {RegistryCredentials.PasswordVariable} (or '{OciRegistrySettings.SectionName}.credentialsFile')";

    /// <summary>Sends a GET under the shared retry policy; maps network and TLS failures to one line.</summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, string what, CancellationToken cancellationToken)
    {
        using var first = createRequest();
        var server = first.RequestUri!.GetLeftPart(UriPartial.Authority);
        try
        {
            return await _retry.RunAsync(
                async (attempt, ct) =>
                {
                    using var request = attempt == 1 ? null : createRequest();
                    return await _http.SendAsync(request ?? first, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
                },
                response => TransientFailures.OfStatus((int)response.StatusCode, response.Headers.RetryAfter, RequestSafety.Idempotent),
                failure => TransientFailures.OfException(failure, RequestSafety.Idempotent),
                cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.InnerException is AuthenticationException)
        {
            throw new JobmanException(
                $"TLS certificate of {server} is not trusted ({_tls.LastRejection ?? ex.InnerException.Message}); if the registry uses a private CA, set '{OciRegistrySettings.SectionName}.caBundle' to its certificate (PEM file)",
                innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new JobmanException($"cannot reach {server} to get {what}: {OneLine(ex.Message)}", innerException: ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new JobmanException($"{server} did not answer within {_http.Timeout.TotalSeconds:0} s (getting {what})", innerException: ex);
        }
    }

    private async Task<JobmanException> ErrorAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var detail = await DetailAsync(response, cancellationToken).ConfigureAwait(false);
        var message = (int)response.StatusCode switch
        {
            401 when _credentials is null => $"registry {Registry} requires authentication for {what} ({detail}); {CredentialsHint}",
            401 => $"registry {Registry} rejected the credentials of user '{_credentials!.Username}' for {what} ({detail})",
            403 => $"registry {Registry} denied access to {what} ({detail})",
            404 => $"registry {Registry}: {what} not found ({detail})",
            429 or >= 500 => $"registry {Registry} failed to serve {what} after {_retry.MaxAttempts} attempts ({detail})",
            _ => $"registry {Registry} answered {detail} for {what}",
        };
        return new JobmanException(message);
    }

    /// <summary><c>401 UNAUTHORIZED: authentication required</c>, from the status and the <c>{"errors":[...]}</c> body.</summary>
    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = $"{(int)response.StatusCode}";
        string? code = null;
        string? text = null;
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (JsonNode.Parse(body) is JsonObject json && json["errors"] is JsonArray { Count: > 0 } errors && errors[0] is JsonObject first)
            {
                code = first["code"]?.GetValue<string>();
                text = first["message"]?.GetValue<string>();
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or HttpRequestException)
        {
            // Not the registry's error format (a proxy's HTML page): the status alone says enough.
        }

        return code is null
            ? $"{status} {response.ReasonPhrase}".TrimEnd()
            : $"{status} {code}" + (string.IsNullOrWhiteSpace(text) ? string.Empty : $": {OneLine(text)}");
    }

    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length > 300 ? line[..300] + "..." : line;
    }
}
