using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Flurl.Http;
using Jobman.Core;
using Jobman.Http;
using Jobman.Registries;

namespace Jobman.Plugins.Harbor;

/// <summary>
/// Turns Harbor's answers and transport failures into one clear line (exit code 1) that says what to do. The
/// request URL is included; it never carries credentials (they travel only in the Authorization header).
/// </summary>
internal sealed class HarborErrors(string baseUrl, bool authenticated, TimeSpan timeout)
{
    private const string CredentialsHint =
        "set harbor.username with harbor.passwordEnv, or harbor.credentialsFile, or JOBMAN_HARBOR_USERNAME/JOBMAN_HARBOR_PASSWORD";

    /// <summary>An error status that is not handled by the caller.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="project">The project the request was about.</param>
    /// <param name="attempts">How many times the request was sent.</param>
    /// <returns>The exception to throw.</returns>
    public JobmanException FromStatus(HarborResponse response, string project, int attempts)
    {
        var detail = response.ErrorText() ?? ReasonPhrase(response.Status);
        var request = $"({response.Method} {response.Url})";
        var message = response.Status switch
        {
            401 => authenticated
                ? $"Harbor at {baseUrl} refused your credentials (401 unauthorized): {detail}; check the user name and password or robot secret, and that project '{project}' exists {request}"
                : $"Harbor at {baseUrl} refused anonymous access (401 unauthorized): {detail}; project '{project}' is private or does not exist: {CredentialsHint} {request}",
            403 => $"Harbor user has no access to project '{project}' at {baseUrl} (403 forbidden): {detail}; ask a project admin to add the user or robot account, and check the project name (Harbor answers 403 for projects that do not exist) {request}",
            404 when response.ErrorStartsWith("project ") => $"Harbor project '{project}' not found at {baseUrl} (404 not found): {detail}; check harbor.project/harbor.projects {request}",
            404 => $"Harbor at {baseUrl} answered 404 not found: {detail} {request}",
            422 => $"Harbor at {baseUrl} rejected the request (422 unprocessable entity): {detail} {request}",
            429 => $"Harbor at {baseUrl} is limiting requests (429 too many requests) and still did after {attempts} attempts: {detail}; try again later {request}",
            >= 500 => $"Harbor at {baseUrl} failed ({response.Status} {ReasonPhrase(response.Status).ToLowerInvariant()}) after {attempts} attempts: {detail} {request}",
            _ => $"Harbor at {baseUrl} answered {response.Status} {ReasonPhrase(response.Status).ToLowerInvariant()}: {detail} {request}",
        };
        return new JobmanException(message);
    }

    /// <summary>A failure before any answer: refused connection, DNS, TLS, timeout.</summary>
    /// <param name="exception">What the HTTP stack threw.</param>
    /// <param name="method">Request method.</param>
    /// <param name="url">Request URL.</param>
    /// <param name="tls">The TLS policy, which knows why a certificate was rejected.</param>
    /// <returns>The exception to throw.</returns>
    public JobmanException FromTransport(Exception exception, string method, string url, RegistryTls tls)
    {
        if (ExceptionChain.Find<AuthenticationException>(exception) is { } authentication)
        {
            var reason = tls.LastRejection ?? authentication.Message;
            return new JobmanException(
                $"TLS certificate of {baseUrl} not trusted: {reason}; set harbor.caBundle to the PEM file of the CA that signed it ({method} {url})", innerException: exception);
        }

        if (exception is FlurlHttpTimeoutException || ExceptionChain.Find<TimeoutException>(exception) is not null)
        {
            return new JobmanException($"Harbor at {baseUrl} did not answer within {timeout.TotalSeconds:0.#} s (harbor.timeoutSeconds) ({method} {url})", innerException: exception);
        }

        var cause = ExceptionChain.Find<SocketException>(exception)?.Message ?? ExceptionChain.Find<HttpRequestException>(exception)?.Message ?? exception.Message;
        return new JobmanException($"cannot reach Harbor at {baseUrl}: {cause} ({method} {url})", innerException: exception);
    }

    private static string ReasonPhrase(int status) =>
        new HttpResponseMessage((HttpStatusCode)status).ReasonPhrase ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
