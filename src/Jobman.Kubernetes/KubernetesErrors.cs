using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using Jobman.Core;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Jobman.Kubernetes;

/// <summary>
/// Turns what KubernetesClient throws into one line a user can act on. The client does not parse Status bodies
/// itself, so the Status message (which names the user, verb, resource and namespace for 403s) is read here.
/// </summary>
public static class KubernetesErrors
{
    /// <summary>The API status code of a failed call, or null when the call never got an HTTP answer.</summary>
    /// <param name="exception">What the client threw.</param>
    /// <returns>The status code.</returns>
    public static HttpStatusCode? StatusCodeOf(Exception exception) =>
        exception is HttpOperationException { Response: { } response } ? response.StatusCode : null;

    /// <summary>The Status object of a failed call, when the body carried one.</summary>
    /// <param name="exception">What the client threw.</param>
    /// <returns>The Status or null.</returns>
    public static V1Status? StatusOf(Exception exception)
    {
        if (exception is not HttpOperationException { Response.Content: { Length: > 0 } content })
        {
            return null;
        }

        try
        {
            var status = KubernetesJson.Deserialize<V1Status>(content);
            return status?.Kind == "Status" ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Maps a failure to a <see cref="JobmanException"/>.</summary>
    /// <param name="exception">What the client threw.</param>
    /// <param name="connection">The connection (for the server URL and namespace in messages).</param>
    /// <param name="action">What jobman was doing, e.g. "list jobs".</param>
    /// <returns>The exception to throw.</returns>
    public static JobmanException Map(Exception exception, ClusterConnection connection, string action)
    {
        if (exception is JobmanException known)
        {
            return known;
        }

        var code = StatusCodeOf(exception);
        if (code is not null)
        {
            var status = StatusOf(exception);
            var message = status?.Message ?? (exception as HttpOperationException)?.Response?.ReasonPhrase ?? code.Value.ToString();
            var text = (int)code switch
            {
                401 => $"cannot {action}: the cluster at {connection.Server} rejected your credentials (401 Unauthorized); refresh the token in your kubeconfig",
                403 => $"cannot {action}: permission denied (403 Forbidden): {message}",
                404 => $"cannot {action}: {message} (404 Not Found)",
                409 => $"cannot {action}: {message} (409 Conflict)",
                410 => $"cannot {action}: {message} (410 Gone); try again",
                422 => $"cannot {action}: the cluster rejected the object (422 Invalid): {InvalidDetails(status, message)}",
                429 => $"cannot {action}: the API server is throttling requests (429 Too Many Requests) and retries ran out; try again later",
                >= 500 => $"cannot {action}: the API server failed ({(int)code}): {message}",
                _ => $"cannot {action}: {message} ({(int)code})",
            };
            return new KubernetesApiException(text, code.Value, status?.Reason, status?.Details?.Kind, status?.Details?.Name, exception, status?.Message);
        }

        return exception switch
        {
            HttpRequestException { InnerException: AuthenticationException tls } => new JobmanException(
                $"cannot {action}: TLS handshake with {connection.Server} failed ({connection.Tls?.LastRejection ?? TlsReason(tls)}); check the cluster's certificate-authority, server and tls-server-name in your kubeconfig", ExitCodes.Failed, exception),
            HttpRequestException { InnerException: SocketException or IOException } or HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } =>
                new JobmanException($"cannot {action}: the Kubernetes API server at {connection.Server} is unreachable ({exception.Message})", ExitCodes.Failed, exception),
            HttpRequestException => new JobmanException($"cannot {action}: request to {connection.Server} failed ({exception.Message})", ExitCodes.Failed, exception),
            TaskCanceledException when exception.InnerException is TimeoutException => new JobmanException(
                $"cannot {action}: the API server at {connection.Server} did not answer in time ({exception.Message}; see --request-timeout)", ExitCodes.Failed, exception),
            _ => new JobmanException($"cannot {action}: {exception.Message}", ExitCodes.Failed, exception),
        };
    }

    /// <summary>The client validates the server certificate in a callback; its rejection message names the callback, not the cause.</summary>
    private static string TlsReason(AuthenticationException tls) =>
        tls.Message.Contains("RemoteCertificateValidationCallback", StringComparison.Ordinal)
            ? "the server certificate is not signed by the certificate-authority in your kubeconfig"
            : tls.Message;

    private static string InvalidDetails(V1Status? status, string message)
    {
        var causes = status?.Details?.Causes;
        return causes is { Count: > 0 }
            ? string.Join("; ", causes.Select(c => $"{c.Field}: {c.Message}"))
            : message;
    }
}
