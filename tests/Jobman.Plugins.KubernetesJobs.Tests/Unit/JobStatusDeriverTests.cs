using Jobman.Plugins.KubernetesJobs.Status;
using k8s.Models;

namespace Jobman.Plugins.KubernetesJobs.Tests.Unit;

public class JobStatusDeriverTests
{
    private static V1Job Job(string name) => Contracts.Sample<V1JobList>("joblist-running-succeeded-failed.json").Items.Single(j => j.Metadata.Name == name);

    [Test]
    public void Complete_condition_means_succeeded()
    {
        JobStatusDeriver.Derive(Job("nightly-report"), []).Should().Be(new JobState(JobState.Succeeded, string.Empty));
    }

    [Test]
    public void Failed_condition_gives_its_reason()
    {
        JobStatusDeriver.Derive(Job("migrate-db"), []).Should().Be(new JobState(JobState.Failed, "BackoffLimitExceeded"));
    }

    [Test]
    public void Failed_condition_adds_the_pod_exit_code()
    {
        var pod = Pod("migrate-db-x", "Failed", terminated: new V1ContainerStateTerminated { ExitCode = 3, Reason = "Error" });
        JobStatusDeriver.Derive(Job("migrate-db"), [pod]).Should().Be(new JobState(JobState.Failed, "BackoffLimitExceeded: exit code 3"));
    }

    [Test]
    public void Active_job_with_unschedulable_pod_is_pending_unschedulable()
    {
        var pods = Contracts.Sample<V1PodList>("podlist-by-job-selector.json").Items.ToList();
        var job = Job("train-resnet");
        var state = JobStatusDeriver.Derive(job, JobStatusDeriver.PodsOf(job, pods));
        state.Should().Be(new JobState(JobState.Pending, "Unschedulable"));
    }

    [Test]
    public void Image_pull_back_off_is_the_reason()
    {
        var pod = Contracts.Sample<V1Pod>("pod-imagepullbackoff.json");
        JobStatusDeriver.DerivePod(pod).Should().Be(new JobState(JobState.Pending, "ImagePullBackOff"));
    }

    [Test]
    public void Unschedulable_sample_pod_is_pending_unschedulable()
    {
        JobStatusDeriver.DerivePod(Contracts.Sample<V1Pod>("pod-pending-unschedulable.json")).Should().Be(new JobState(JobState.Pending, "Unschedulable"));
    }

    [Test]
    public void Oom_killed_pod_says_so()
    {
        var pod = Pod("p", "Failed", terminated: new V1ContainerStateTerminated { ExitCode = 137, Reason = "OOMKilled" });
        JobStatusDeriver.DerivePod(pod).Should().Be(new JobState(JobState.Failed, "OOMKilled"));
    }

    [Test]
    public void Newest_pod_decides_when_there_is_no_final_condition()
    {
        var job = new V1Job { Metadata = new V1ObjectMeta { Name = "j", Uid = "u" }, Spec = new V1JobSpec { BackoffLimit = 2 }, Status = new V1JobStatus { Active = 1, Failed = 1 } };
        var old = Pod("j-old", "Failed", terminated: new V1ContainerStateTerminated { ExitCode = 1 }, created: DateTime.UtcNow.AddMinutes(-5), ownerUid: "u");
        var running = Pod("j-new", "Running", created: DateTime.UtcNow, ownerUid: "u");
        JobStatusDeriver.Derive(job, JobStatusDeriver.PodsOf(job, [old, running])).Status.Should().Be(JobState.Running);
    }

    [Test]
    public void Pods_of_another_job_with_the_same_name_are_ignored()
    {
        var job = new V1Job { Metadata = new V1ObjectMeta { Name = "j", Uid = "new-uid" }, Status = new V1JobStatus() };
        var stale = Pod("j-abc", "Failed", ownerUid: "old-uid");
        JobStatusDeriver.PodsOf(job, [stale]).Should().BeEmpty();
    }

    [Test]
    public void Odd_data_is_unknown_and_never_throws()
    {
        JobStatusDeriver.Derive(new V1Job(), []).Should().Be(new JobState(JobState.Unknown, string.Empty));
        var weirdPod = new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Status = new V1PodStatus { Phase = "Exploded" } };
        JobStatusDeriver.Derive(new V1Job { Status = new V1JobStatus() }, [weirdPod]).Status.Should().Be(JobState.Unknown);
        JobSummary.Create(new V1Job(), [new V1Pod()], null).State.Status.Should().Be(JobState.Unknown);
    }

    [Test]
    public void Suspended_condition_is_shown()
    {
        var job = new V1Job { Status = new V1JobStatus { Conditions = [new V1JobCondition { Type = "Suspended", Status = "True" }] } };
        JobStatusDeriver.Derive(job, []).Status.Should().Be(JobState.Suspended);
    }

    [Test]
    public void Flavor_comes_from_settings_key_then_legacy_key_then_label()
    {
        var job = new V1Job { Metadata = new V1ObjectMeta { Annotations = new Dictionary<string, string> { ["x/flavor"] = "big", [JobLabels.LegacyFlavorAnnotation] = "old" }, Labels = new Dictionary<string, string> { [JobLabels.Flavor] = "lbl" } } };
        JobSummary.FlavorOf(job, "x/flavor").Should().Be("big");
        JobSummary.FlavorOf(job, null).Should().Be("old");
        job.Metadata.Annotations.Clear();
        JobSummary.FlavorOf(job, "x/flavor").Should().Be("lbl");
        JobSummary.FlavorOf(new V1Job(), null).Should().Be("-");
    }

    private static V1Pod Pod(string name, string phase, V1ContainerStateTerminated? terminated = null, DateTime? created = null, string? ownerUid = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            CreationTimestamp = created ?? DateTime.UtcNow,
            OwnerReferences = ownerUid is null ? null : [new V1OwnerReference { Uid = ownerUid, Controller = true, Kind = "Job", Name = "j", ApiVersion = "batch/v1" }],
        },
        Status = new V1PodStatus
        {
            Phase = phase,
            ContainerStatuses = terminated is null ? null : [new V1ContainerStatus { Name = "main", State = new V1ContainerState { Terminated = terminated } }],
        },
    };
}
