using System.Net;
using Jobman.Core;

namespace Jobman.Kubernetes;

/// <summary>
/// The API server answered with an error status. Callers branch on <see cref="StatusCode"/> (and the Status object's
/// <see cref="Reason"/>, <see cref="Kind"/>, <see cref="Name"/>) instead of digging into inner exceptions; the message
/// is the one line shown to the user.
/// </summary>
public sealed class KubernetesApiException : JobmanException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">One line for the user.</param>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    /// <param name="reason">The Status object's <c>reason</c> (e.g. <c>NotFound</c>, <c>AlreadyExists</c>, <c>Expired</c>), if any.</param>
    /// <param name="kind">The Status object's <c>details.kind</c> (e.g. <c>jobs</c>), if any.</param>
    /// <param name="name">The Status object's <c>details.name</c>, if any.</param>
    /// <param name="innerException">What the client threw.</param>
    /// <param name="serverMessage">The Status object's <c>message</c>, as the server wrote it.</param>
    public KubernetesApiException(string message, HttpStatusCode statusCode, string? reason = null, string? kind = null, string? name = null, Exception? innerException = null, string? serverMessage = null)
        : base(message, ExitCodes.Failed, innerException)
    {
        StatusCode = statusCode;
        Reason = reason;
        Kind = kind;
        Name = name;
        ServerMessage = serverMessage;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The Status object's machine-readable reason, if the body had one.</summary>
    public string? Reason { get; }

    /// <summary>The kind (resource) the Status names, if any.</summary>
    public string? Kind { get; }

    /// <summary>The object name the Status names, if any.</summary>
    public string? Name { get; }

    /// <summary>The Status object's message as the server wrote it (not sanitised: data, not for the terminal as is).</summary>
    public string? ServerMessage { get; }

    /// <summary>The same failure told in the caller's words (e.g. naming the job), keeping its status for callers above.</summary>
    /// <param name="message">The new one-line message.</param>
    /// <returns>A new exception whose inner exception is this one.</returns>
    public KubernetesApiException WithMessage(string message) => new(message, StatusCode, Reason, Kind, Name, this, ServerMessage);

    /// <summary>Whether <paramref name="exception"/> is an API error with status <paramref name="code"/>.</summary>
    /// <param name="exception">Any exception.</param>
    /// <param name="code">The status looked for.</param>
    /// <returns>True when it is.</returns>
    public static bool Is(Exception exception, HttpStatusCode code) => exception is KubernetesApiException api && api.StatusCode == code;
}
