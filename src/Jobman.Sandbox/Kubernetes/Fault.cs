namespace Jobman.Sandbox.Kubernetes;

/// <summary>A failure the double injects instead of (or in the middle of) a normal answer.</summary>
public abstract record Fault
{
    /// <summary>429 with a <c>Retry-After</c> header and a TooManyRequests Status body.</summary>
    public static Fault TooManyRequests(int retryAfterSeconds = 1) => new TooManyRequestsFault(retryAfterSeconds);

    /// <summary>The connection is reset under the request (no status, no body).</summary>
    public static Fault ResetConnection() => new ResetConnectionFault();

    /// <summary>500 with an InternalError Status body.</summary>
    public static Fault ServerError(string message = "injected server error") => new ServerErrorFault(message);

    /// <summary>
    /// 404 NotFound for the job the path names, with upstream's Status, as when it was deleted just before the request
    /// (its TTL ran out, another client deleted it); the store is left as it is.
    /// </summary>
    public static Fault JobGoneMeanwhile() => new JobGoneMeanwhileFault();

    /// <summary>Aborts a <c>follow=true</c> log stream's connection after the given number of body bytes.</summary>
    public static Fault DropLogStream(long afterBytes) => new DropLogStreamFault(afterBytes);
}
