using Jobman.Core.History;
using Jobman.Plugins.KubernetesJobs.Cluster;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;
using Jobman.Plugins.KubernetesJobs.Status;

namespace Jobman.Plugins.KubernetesJobs.History;

/// <summary>
/// Where the job commands report the jobs they see, to the local journal when a plugin provides one
/// (Jobman.Plugins.History); without one every call does nothing. Reporting never fails a command.
/// </summary>
internal sealed class JobJournalHook(IEnumerable<IJobJournal> journals)
{
    private readonly IJobJournal? _journal = journals.FirstOrDefault();

    public IJobJournal? Journal => _journal;

    /// <summary>Records the jobs jobman manages among <paramref name="jobs"/> (<c>list --all-jobs</c> shows others too).</summary>
    public void Seen(JobsApi api, IEnumerable<JobSummary> jobs)
    {
        if (_journal is not null)
        {
            _journal.Record(jobs.Where(j => IsManaged(j.Job)).Select(j => JobSightings.Of(api.Connection.Server, j)).ToList());
        }
    }

    public void Seen(JobsApi api, SlimJob job, IReadOnlyList<SlimPod> pods, JobState state, string? flavor)
    {
        if (_journal is not null && IsManaged(job))
        {
            _journal.Record([JobSightings.Of(api.Connection.Server, job, pods, state, flavor)]);
        }
    }

    /// <summary>Starts a kept copy of the log of <paramref name="pod"/>, or null when none is kept.</summary>
    public IKeptLogWriter? StartLogCopy(JobsApi api, SlimJob job, IReadOnlyList<SlimPod> pods, string pod) =>
        _journal is not null && IsManaged(job)
            ? _journal.StartLogCopy(JobSightings.Of(api.Connection.Server, job, pods, JobStatusDeriver.Derive(job, pods), JobSummary.FlavorOf(job, null)), pod)
            : null;

    private static bool IsManaged(SlimJob job) =>
        job.Metadata?.Labels is { } labels && labels.TryGetValue(Jobman.Kubernetes.JobLabels.ManagedBy, out var by) && by == Jobman.Kubernetes.JobLabels.ManagedByValue;

    public void Seen(JobSighting sighting) => _journal?.Record([sighting]);
}
