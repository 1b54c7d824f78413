namespace Jobman.Plugins.History.Journal;

/// <summary>One job as the journal holds it.</summary>
internal sealed record JournalEntry(
    string Name,
    string Namespace,
    string Cluster,
    string? Context,
    string? Uid,
    string? Image,
    string? Digest,
    string? Flavor,
    string? Resources,
    double? Gpus,
    string? Command,
    DateTimeOffset Submitted,
    DateTimeOffset? Started,
    DateTimeOffset? Ended,
    string? Status,
    string? Reason,
    int? ExitCode,
    DateTimeOffset LastSeen)
{
    /// <summary>
    /// How long it ran: from the job's start to its end, or, while it had not ended, to the last time jobman saw it.
    /// A job last seen waiting (Pending, Queued, Suspended) holds no GPU yet: no run time.
    /// </summary>
    public TimeSpan? RunTime =>
        Started is not { } start || Status is "Pending" or "Queued" or "Suspended" ? null
        : (Ended ?? LastSeen) - start is { Ticks: > 0 } span ? span : TimeSpan.Zero;

    /// <summary>GPU count × run time, in hours.</summary>
    public double GpuHours => Gpus is { } gpus && RunTime is { } run ? gpus * run.TotalHours : 0;
}
