using System.Globalization;
using Flurl;
using Flurl.Http;
using Jobman.Core.Hosting;
using Jobman.Http;
using Jobman.Registries;

namespace Jobman.Plugins.Harbor;

/// <summary>
/// GET requests to <c>/api/v2.0</c> with Basic auth (or none), TLS policy, the shared retry policy (Harbor is only
/// read, so every request is idempotent: 429, 5xx and dropped connections are retried) and errors mapped to one line.
/// </summary>
internal sealed class HarborApi : IDisposable
{
    private readonly FlurlClient _client;
    private readonly string _apiBase;
    private readonly RegistryTls _tls;
    private readonly HarborErrors _errors;
    private readonly RetryPolicy _retry;

    public HarborApi(string baseUrl, HarborCredentials? credentials, RegistryTls tls, TimeSpan timeout, JobmanEnvironment environment, RetryPolicy? retry = null)
    {
        _retry = retry ?? RetryPolicy.Default;
        _apiBase = baseUrl + "/api/v2.0";
        _tls = tls;
        _errors = new HarborErrors(baseUrl, credentials is not null, timeout);
        var handler = RegistryHttpHandler.Create(tls, environment);
        // Harbor's API does not need cookies; a session cookie would make it demand a CSRF token.
        handler.UseCookies = false;
        // Flurl applies the timeout (and reports it as such); the HttpClient itself never times out first.
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client = new FlurlClient(http);
        _client.Settings.AllowedHttpStatusRange = "*";
        _client.Settings.Timeout = timeout;
        if (credentials is not null)
        {
            _client.WithBasicAuth(credentials.Username, credentials.Password);
        }
    }

    /// <summary>Turns answers the caller does not accept into one-line errors.</summary>
    public HarborErrors Errors => _errors;

    /// <summary>Sends a GET and returns a 2xx or 404 answer; any other status becomes a <see cref="Jobman.Core.JobmanException"/>.</summary>
    /// <param name="path">Path after <c>/api/v2.0/</c>, each segment already encoded.</param>
    /// <param name="query">Query parameters.</param>
    /// <param name="project">The project concerned (for messages).</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The answer.</returns>
    public async Task<HarborResponse> GetAsync(string path, IReadOnlyList<(string Name, object Value)> query, string project, CancellationToken cancellationToken)
    {
        var url = new Url(_apiBase + "/" + path);
        foreach (var (name, value) in query)
        {
            url.SetQueryParam(name, value);
        }

        var text = url.ToString();
        var attempts = 0;
        HarborResponse response;
        try
        {
            response = await _retry.RunAsync(
                async (attempt, ct) =>
                {
                    attempts = attempt;
                    using var flurlResponse = await _client.Request(text).GetAsync(HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
                    var body = await flurlResponse.ResponseMessage.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                    return new HarborResponse(flurlResponse.StatusCode, body, flurlResponse.ResponseMessage.Headers, "GET", text);
                },
                answer => TransientFailures.OfStatus(answer.Status, answer.Headers.RetryAfter, RequestSafety.Idempotent),
                failure => TransientFailures.OfException(failure, RequestSafety.Idempotent),
                cancellationToken).ConfigureAwait(false);
        }
        catch (FlurlHttpException ex)
        {
            // Flurl wraps Ctrl+C too: give the host the cancellation it maps to exit code 130.
            cancellationToken.ThrowIfCancellationRequested();

            // Flurl's message is not used: the one-line message is built from the root cause.
            throw _errors.FromTransport(ex, "GET", text, _tls);
        }

        return response.Status is >= 200 and < 300 || response.IsNotFound ? response : throw _errors.FromStatus(response, project, attempts);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Formats a number for a query string.</summary>
    /// <param name="value">The number.</param>
    /// <returns>Invariant text.</returns>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
