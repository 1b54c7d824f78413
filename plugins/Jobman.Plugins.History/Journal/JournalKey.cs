using Jobman.Core.History;

namespace Jobman.Plugins.History.Journal;

/// <summary>
/// Which journal entry a sighting belongs to: the job's uid, which tells apart two jobs of the same name (one deleted,
/// the next one submitted); without a uid, the name in its cluster and namespace.
/// </summary>
internal static class JournalKey
{
    public static string Of(JobSighting job) =>
        job.Uid is { Length: > 0 } uid ? uid : $"name:{job.Cluster}/{job.Namespace}/{job.Name}";
}
