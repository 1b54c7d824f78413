using Jobman.Kubernetes;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;
using Jobman.Plugins.KubernetesJobs.Status;

namespace Jobman.Plugins.KubernetesJobs.Tests.Unit;

public class JobStatusDeriverTests
{
    private static SlimJob Job(string name) => SlimSamples.Jobs("joblist-running-succeeded-failed.json").Single(j => j.Metadata!.Name == name);

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
        var pod = Pod("migrate-db-x", "Failed", terminated: new SlimTerminated { ExitCode = 3, Reason = "Error" });
        JobStatusDeriver.Derive(Job("migrate-db"), [pod]).Should().Be(new JobState(JobState.Failed, "BackoffLimitExceeded: exit code 3"));
    }

    [Test]
    public void Active_job_with_unschedulable_pod_is_pending_unschedulable()
    {
        var pods = SlimSamples.Pods("podlist-by-job-selector.json");
        var job = Job("train-resnet");
        var state = JobStatusDeriver.Derive(job, JobStatusDeriver.PodsOf(job, pods));
        state.Should().Be(new JobState(JobState.Pending, "Unschedulable"));
    }

    [Test]
    public void Image_pull_back_off_is_the_reason()
    {
        var pod = SlimSamples.Pods("pod-imagepullbackoff.json").Single();
        JobStatusDeriver.DerivePod(pod).Should().Be(new JobState(JobState.Pending, "ImagePullBackOff"));
    }

    [Test]
    public void Unschedulable_sample_pod_is_pending_unschedulable()
    {
        JobStatusDeriver.DerivePod(SlimSamples.Pods("pod-pending-unschedulable.json").Single()).Should().Be(new JobState(JobState.Pending, "Unschedulable"));
    }

    [Test]
    public void Oom_killed_pod_says_so()
    {
        var pod = Pod("p", "Failed", terminated: new SlimTerminated { ExitCode = 137, Reason = "OOMKilled" });
        JobStatusDeriver.DerivePod(pod).Should().Be(new JobState(JobState.Failed, "OOMKilled"));
    }

    [Test]
    public void Newest_pod_decides_when_there_is_no_final_condition()
    {
        var job = new SlimJob { Metadata = new SlimObjectMeta { Name = "j", Uid = "u" }, Spec = new SlimJobSpec { BackoffLimit = 2 }, Status = new SlimJobStatus { Active = 1, Failed = 1 } };
        var old = Pod("j-old", "Failed", terminated: new SlimTerminated { ExitCode = 1 }, created: DateTime.UtcNow.AddMinutes(-5), ownerUid: "u");
        var running = Pod("j-new", "Running", created: DateTime.UtcNow, ownerUid: "u");
        JobStatusDeriver.Derive(job, JobStatusDeriver.PodsOf(job, [old, running])).Status.Should().Be(JobState.Running);
    }

    [Test]
    public void Pods_are_newest_first_and_by_name_descending_within_a_second()
    {
        var job = new SlimJob { Metadata = new SlimObjectMeta { Name = "j", Uid = "u" }, Status = new SlimJobStatus() };
        var second = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var pods = new[]
        {
            Pod("j-a", "Failed", created: second, ownerUid: "u"),
            Pod("j-undated", "Failed", ownerUid: "u"),
            Pod("j-c", "Failed", created: second, ownerUid: "u"),
            Pod("j-new", "Running", created: second.AddMinutes(1), ownerUid: "u"),
            Pod("j-b", "Failed", created: second, ownerUid: "u"),
        };
        pods[1].Metadata!.CreationTimestamp = null;

        JobStatusDeriver.PodsOf(job, pods).Select(p => p.Metadata!.Name).Should().Equal("j-new", "j-c", "j-b", "j-a", "j-undated");
    }

    [Test]
    public void Pods_of_another_job_with_the_same_name_are_ignored()
    {
        var job = new SlimJob { Metadata = new SlimObjectMeta { Name = "j", Uid = "new-uid" }, Status = new SlimJobStatus() };
        var stale = Pod("j-abc", "Failed", ownerUid: "old-uid");
        JobStatusDeriver.PodsOf(job, [stale]).Should().BeEmpty();
    }

    [Test]
    public void Odd_data_is_unknown_and_never_throws()
    {
        JobStatusDeriver.Derive(new SlimJob(), []).Should().Be(new JobState(JobState.Unknown, string.Empty));
        var weirdPod = new SlimPod { Metadata = new SlimObjectMeta { Name = "p" }, Status = new SlimPodStatus { Phase = "Exploded" } };
        JobStatusDeriver.Derive(new SlimJob { Status = new SlimJobStatus() }, [weirdPod]).Status.Should().Be(JobState.Unknown);
        JobSummary.Create(new SlimJob(), [new SlimPod()], null).State.Status.Should().Be(JobState.Unknown);
    }

    [Test]
    public void Suspended_condition_is_shown()
    {
        var job = new SlimJob { Status = new SlimJobStatus { Conditions = [new SlimCondition { Type = "Suspended", Status = "True" }] } };
        JobStatusDeriver.Derive(job, []).Status.Should().Be(JobState.Suspended);

        var queued = new SlimJob
        {
            Metadata = new SlimObjectMeta { Labels = new Dictionary<string, string> { [JobLabels.KueueQueueName] = "user-queue" } },
            Spec = new SlimJobSpec { Suspend = true },
            Status = new SlimJobStatus(),
        };
        JobStatusDeriver.Derive(queued, []).Should().Be(new JobState(JobState.Queued, "in LocalQueue user-queue"));
    }

    [TestCase("QuotaReserved|False|WaitingForQuota|couldn't assign flavors to pod set main: insufficient unused quota for cpu in flavor f, 1 more needed", JobState.Queued, "insufficient unused quota for cpu in flavor f, 1 more needed")]
    [TestCase("QuotaReserved|False|Pending|couldn't assign flavors to pod set workers: insufficient quota for cpu in flavor f in ClusterQueue", JobState.Queued, "insufficient quota for cpu in flavor f in ClusterQueue")]
    [TestCase("QuotaReserved|False|Inadmissible|LocalQueue user-queue doesn't exist", JobState.Queued, "LocalQueue user-queue doesn't exist")]
    [TestCase("QuotaReserved|False|Pending|waiting;Evicted|True|Preempted|Preempted to accommodate a higher priority Workload", JobState.Queued, "evicted: Preempted to accommodate a higher priority Workload; waiting")]
    [TestCase("QuotaReserved|True|QuotaReserved|Quota reserved in ClusterQueue cq;Admitted|True|Admitted|The workload is admitted", JobState.Admitted, "by ClusterQueue cq, starting")]
    public void A_suspended_queued_job_says_what_kueues_workload_says(string conditions, string status, string reason)
    {
        var queued = new SlimJob
        {
            Metadata = new SlimObjectMeta { Uid = "u1", Labels = new Dictionary<string, string> { [JobLabels.KueueQueueName] = "user-queue" } },
            Spec = new SlimJobSpec { Suspend = true },
            Status = new SlimJobStatus(),
        };
        var workload = new Jobman.Kubernetes.Kueue.KueueWorkload("job-x-12345", "u1", "x", "user-queue", 0, null,
            conditions.Contains("Admitted|True", StringComparison.Ordinal) ? "cq" : null,
            new Dictionary<string, string>(),
            conditions.Split(';').Select(c => c.Split('|')).Select(c => new Jobman.Kubernetes.Kueue.KueueCondition(c[0], c[1] == "True", c[2], c[3], null)).ToList());

        JobStatusDeriver.Derive(queued, [], new KueueInfo("user-queue", workload, null, null)).Should().Be(new JobState(status, reason));
    }

    [Test]
    public void An_admitted_unsuspended_job_without_pods_is_admitted_then_runs_like_any_job()
    {
        var job = new SlimJob
        {
            Metadata = new SlimObjectMeta { Uid = "u1", Labels = new Dictionary<string, string> { [JobLabels.KueueQueueName] = "user-queue" } },
            Spec = new SlimJobSpec { Suspend = false },
            Status = new SlimJobStatus(),
        };
        var admitted = new Jobman.Kubernetes.Kueue.KueueWorkload("job-x-12345", "u1", "x", "user-queue", 0, null, "cq", new Dictionary<string, string>(),
            [new("QuotaReserved", true, "QuotaReserved", "Quota reserved in ClusterQueue cq", null), new("Admitted", true, "Admitted", "The workload is admitted", null)]);

        JobStatusDeriver.Derive(job, [], new KueueInfo("user-queue", admitted, null, null)).Should().Be(new JobState(JobState.Admitted, "by ClusterQueue cq"));
        var running = new SlimJob { Metadata = job.Metadata, Spec = job.Spec, Status = new SlimJobStatus { Active = 1, Ready = 1 } };
        JobStatusDeriver.Derive(running, [], new KueueInfo("user-queue", admitted, null, null)).Status.Should().Be(JobState.Running);
    }

    [Test]
    public void Flavor_comes_from_settings_key_then_legacy_key_then_label()
    {
        var job = new SlimJob { Metadata = new SlimObjectMeta { Annotations = new Dictionary<string, string> { ["x/flavor"] = "big", [JobLabels.LegacyFlavorAnnotation] = "old" }, Labels = new Dictionary<string, string> { [JobLabels.Flavor] = "lbl" } } };
        JobSummary.FlavorOf(job, "x/flavor").Should().Be("big");
        JobSummary.FlavorOf(job, null).Should().Be("old");
        job.Metadata!.Annotations!.Clear();
        JobSummary.FlavorOf(job, "x/flavor").Should().Be("lbl");
        JobSummary.FlavorOf(new SlimJob(), null).Should().Be("-");
    }

    [Test]
    public void Active_job_with_a_ready_pod_is_running_even_when_its_pods_are_not_listed()
    {
        var job = new SlimJob { Metadata = new SlimObjectMeta { Name = "j", Uid = "u" }, Status = new SlimJobStatus { Active = 1, Ready = 1, StartTime = DateTime.UtcNow } };
        JobStatusDeriver.Derive(job, []).Should().Be(new JobState(JobState.Running, string.Empty));
    }

    [Test]
    public void Active_job_without_ready_pods_is_pending_and_its_pod_explains_why()
    {
        var job = new SlimJob { Metadata = new SlimObjectMeta { Name = "j", Uid = "u" }, Status = new SlimJobStatus { Active = 1, Ready = 0, StartTime = DateTime.UtcNow } };
        JobStatusDeriver.Derive(job, []).Should().Be(new JobState(JobState.Pending, string.Empty));
        var waiting = Pod("j-x", "Pending", ownerUid: "u");
        waiting.Status!.ContainerStatuses!.Add(new SlimContainerStatus { Name = "main", State = new SlimContainerState { Waiting = new SlimWaiting { Reason = "CreateContainerConfigError" } } });
        JobStatusDeriver.Derive(job, JobStatusDeriver.PodsOf(job, [waiting])).Should().Be(new JobState(JobState.Pending, "CreateContainerConfigError"));
    }

    [Test]
    public void Pods_belong_to_a_job_by_the_controller_uid_label()
    {
        var job = new SlimJob { Metadata = new SlimObjectMeta { Name = "j", Uid = "u" }, Status = new SlimJobStatus() };
        var labelled = new SlimPod { Metadata = new SlimObjectMeta { Name = "j-a", Labels = new() { [JobLabels.ControllerUid] = "u" } } };
        var other = new SlimPod { Metadata = new SlimObjectMeta { Name = "j-b", Labels = new() { [JobLabels.ControllerUid] = "v", [JobLabels.JobName] = "j" } } };
        JobStatusDeriver.PodsOf(job, [labelled, other]).Should().Equal(labelled);
    }

    private static SlimPod Pod(string name, string phase, SlimTerminated? terminated = null, DateTime? created = null, string? ownerUid = null) => new()
    {
        Metadata = new SlimObjectMeta
        {
            Name = name,
            CreationTimestamp = created ?? DateTime.UtcNow,
            OwnerReferences = ownerUid is null ? null : [new SlimOwnerReference { Uid = ownerUid, Controller = true }],
        },
        Status = new SlimPodStatus
        {
            Phase = phase,
            ContainerStatuses = terminated is null ? [] : [new SlimContainerStatus { Name = "main", State = new SlimContainerState { Terminated = terminated } }],
        },
    };
}
