namespace Jobman.Http;

/// <summary>Whether a request may be sent twice without harm; decides which failures are retried.</summary>
public enum RequestSafety
{
    /// <summary>GET, HEAD, watch and log re-opens: retried on transport faults, 429 and 5xx.</summary>
    Idempotent,

    /// <summary>Creates and other writes: retried only when the server provably did not act (429, refused connection).</summary>
    Write,
}
