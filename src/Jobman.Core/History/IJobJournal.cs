namespace Jobman.Core.History;

/// <summary>
/// A local record of the jobs jobman has seen, which outlives the cluster's copy (Jobman.Core 1.3). Commands that see
/// a job report it here; whatever goes wrong with the journal (disk full, damaged file, newer format) is warned about
/// once and never fails the command that reported it. Optional: resolve it as <c>IEnumerable&lt;IJobJournal&gt;</c>,
/// which is empty when no plugin provides one.
/// </summary>
public interface IJobJournal
{
    /// <summary>Records what was seen of these jobs (one write for all of them). Never throws.</summary>
    /// <param name="sightings">The jobs, as seen now.</param>
    void Record(IReadOnlyList<JobSighting> sightings);

    /// <summary>
    /// Starts keeping a copy of the log about to be streamed for <paramref name="job"/>, or returns null when logs are
    /// not kept (turned off in settings, or the journal is unusable). Never throws.
    /// </summary>
    /// <param name="job">The job whose log is streamed (its uid is the copy's key).</param>
    /// <param name="pod">The pod the log comes from.</param>
    /// <returns>Where to write the bytes, or null.</returns>
    IKeptLogWriter? StartLogCopy(JobSighting job, string pod);

    /// <summary>The kept log of a job, or null when none was kept. Never throws.</summary>
    /// <param name="cluster">The API server URL.</param>
    /// <param name="namespace">The namespace.</param>
    /// <param name="name">The job name.</param>
    /// <param name="uid">The job's uid when the job still exists; otherwise the newest job of that name is meant.</param>
    /// <returns>The kept copy, or null.</returns>
    KeptLog? FindKeptLog(string cluster, string @namespace, string name, string? uid);

    /// <summary>Names of the most recently submitted jobs, newest first (for shell completion). Never throws.</summary>
    /// <param name="limit">At most this many.</param>
    /// <returns>The names.</returns>
    IReadOnlyList<string> RecentJobNames(int limit) => [];
}
