namespace Jobman.Plugins.KubernetesJobs.Logs;

/// <summary>What the user asked <c>logs</c> for.</summary>
internal sealed record LogRequest
{
    public string? Container { get; init; }

    public bool Follow { get; init; }

    public long? TailLines { get; init; }

    public long? SinceSeconds { get; init; }

    /// <summary>Keep the kubelet's timestamps in the output (they are always requested, to resume without repeats).</summary>
    public bool Timestamps { get; init; }

    public bool Previous { get; init; }

    /// <summary>Written before every line (e.g. <c>[pod-name] </c>).</summary>
    public string Prefix { get; init; } = string.Empty;
}
