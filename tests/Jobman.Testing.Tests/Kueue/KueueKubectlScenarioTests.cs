using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;
using Jobman.Testing.Prerequisites;
using Jobman.Testing.Tests.Kubernetes;

namespace Jobman.Testing.Tests.Kueue;

/// <summary>
/// Upstream's own walkthrough ("Pending workloads on demand") driven by the real kubectl against the double: an admin
/// applies examples/admin/single-clusterqueue-setup.yaml (9 CPUs), a batch user creates the sample job six times
/// (3 pods x 1 CPU each): three are admitted and run, three wait at positions 0, 1, 2 with Kueue's reason.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class KueueKubectlScenarioTests
{
    private const string Namespace = "team-a";
    private KubernetesApiServer _server = null!;
    private KubectlRunner _admin = null!;
    private KubectlRunner _user = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { Kueue = true });
        _user = new KubectlRunner(_server, _server.AddUser("alice", Namespace), Namespace);
        _admin = new KubectlRunner(_server, _server.AddClusterAdmin("admin"), Namespace);
        var setup = UpstreamContracts.KueueText("examples/admin_single-clusterqueue-setup.yaml").Replace("namespace: \"default\"", $"namespace: \"{Namespace}\"", StringComparison.Ordinal);
        var applied = await _admin.RunWithInputAsync(setup, "apply", "-f", "-");
        applied.ExitCode.Should().Be(0, applied.ToString());
        applied.Stdout.Should().Contain("resourceflavor.kueue.x-k8s.io/default-flavor created")
            .And.Contain("clusterqueue.kueue.x-k8s.io/cluster-queue created")
            .And.Contain("localqueue.kueue.x-k8s.io/user-queue created");
        var job = UpstreamContracts.KueueText("examples/jobs_sample-job.yaml").Replace("namespace: default", $"namespace: {Namespace}", StringComparison.Ordinal);
        for (var i = 0; i < 6; i++)
        {
            var created = await _user.RunWithInputAsync(job, "create", "-f", "-");
            created.ExitCode.Should().Be(0, created.ToString());
        }

        await Poll.UntilAsync(() => Workloads().Count(w => Condition(w, "Admitted") == "True"), n => n == 3, "three admitted workloads");
        await Poll.UntilAsync(() => Workloads().Count(w => Condition(w, "QuotaReserved") == "False"), n => n == 3, "three pending workloads with a reason");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        // The sample's pods run `sleep 60` as local processes: deleting the jobs ends them.
        await _user.RunAsync("delete", "jobs", "--all", "--wait=false");
        _admin.Dispose();
        _user.Dispose();
        var errors = _server.BackgroundErrors;
        await _server.DisposeAsync();
        errors.Should().BeEmpty();
    }

    [Test]
    public async Task The_cluster_queue_visibility_lists_the_three_waiting_workloads_at_positions_0_1_2_in_creation_order()
    {
        var result = await _admin.RunAsync("get", "--raw", "/apis/visibility.kueue.x-k8s.io/v1beta2/clusterqueues/cluster-queue/pendingworkloads");

        result.ExitCode.Should().Be(0, result.ToString());
        var summary = JsonNode.Parse(result.Stdout)!;
        summary["kind"]!.GetValue<string>().Should().Be("PendingWorkloadsSummary");
        var items = summary["items"]!.AsArray();
        items.Select(i => i!["positionInClusterQueue"]!.GetValue<int>()).Should().Equal(0, 1, 2);
        items.Select(i => i!["positionInLocalQueue"]!.GetValue<int>()).Should().Equal(0, 1, 2);
        items.Select(i => i!["localQueueName"]!.GetValue<string>()).Should().AllBe("user-queue");
        var pendingJobs = items.Select(i => i!["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>()).ToList();
        var byCreation = Jobs().OrderBy(CreationOrder).ToList();
        pendingJobs.Should().Equal(byCreation.Skip(3), "the first three jobs created hold the quota and the rest queue in creation order");
    }

    [Test]
    public async Task The_local_queue_visibility_answers_a_batch_user_and_limit_offset_page_it()
    {
        var all = await _user.RunAsync("get", "--raw", $"/apis/visibility.kueue.x-k8s.io/v1beta2/namespaces/{Namespace}/localqueues/user-queue/pendingworkloads");
        var page = await _user.RunAsync("get", "--raw", $"/apis/visibility.kueue.x-k8s.io/v1beta1/namespaces/{Namespace}/localqueues/user-queue/pendingworkloads?limit=1&offset=1");
        var clusterWide = await _user.RunAsync("get", "--raw", "/apis/visibility.kueue.x-k8s.io/v1beta2/clusterqueues/cluster-queue/pendingworkloads");

        all.ExitCode.Should().Be(0, all.ToString());
        JsonNode.Parse(all.Stdout)!["items"]!.AsArray().Should().HaveCount(3);
        page.ExitCode.Should().Be(0, page.ToString());
        var paged = JsonNode.Parse(page.Stdout)!;
        paged["apiVersion"]!.GetValue<string>().Should().Be("visibility.kueue.x-k8s.io/v1beta1");
        paged["items"]!.AsArray().Single()!["positionInLocalQueue"]!.GetValue<int>().Should().Be(1);
        clusterWide.ExitCode.Should().NotBe(0);
        clusterWide.Stderr.Should().Contain("forbidden").And.Contain("clusterqueues/pendingworkloads");
    }

    [Test]
    public void Waiting_workloads_carry_kueues_reason_and_their_jobs_stay_suspended()
    {
        var pending = Workloads().Where(w => Condition(w, "QuotaReserved") == "False").ToList();

        pending.Should().HaveCount(3);
        foreach (var workload in pending)
        {
            var condition = workload["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "QuotaReserved")!;
            condition["reason"]!.GetValue<string>().Should().Be("WaitingForQuota");
            condition["message"]!.GetValue<string>().Should().Be("couldn't assign flavors to pod set main: insufficient unused quota for cpu in flavor default-flavor, 3 more needed");
            var owner = workload["metadata"]!["ownerReferences"]![0]!;
            owner["kind"]!.GetValue<string>().Should().Be("Job");
            owner["controller"]!.GetValue<bool>().Should().BeTrue();
            var jobName = owner["name"]!.GetValue<string>();
            workload["metadata"]!["name"]!.GetValue<string>().Should().MatchRegex($"^job-{jobName}-[0-9a-f]{{5}}$");
            _server.Store.GetJob(Namespace, jobName)!["spec"]!["suspend"]!.GetValue<bool>().Should().BeTrue();
        }
    }

    [Test]
    public void Admitted_workloads_say_where_and_their_jobs_run()
    {
        var admitted = Workloads().Where(w => Condition(w, "Admitted") == "True").ToList();

        admitted.Should().HaveCount(3);
        foreach (var workload in admitted)
        {
            var conditions = workload["status"]!["conditions"]!.AsArray();
            conditions.Single(c => c!["type"]!.GetValue<string>() == "QuotaReserved")!["message"]!.GetValue<string>().Should().Be("Quota reserved in ClusterQueue cluster-queue");
            conditions.Single(c => c!["type"]!.GetValue<string>() == "Admitted")!["message"]!.GetValue<string>().Should().Be("The workload is admitted");
            var assignment = workload["status"]!["admission"]!["podSetAssignments"]![0]!;
            assignment["flavors"]!["cpu"]!.GetValue<string>().Should().Be("default-flavor");
            assignment["resourceUsage"]!["cpu"]!.GetValue<string>().Should().Be("3");
            assignment["resourceUsage"]!["memory"]!.GetValue<string>().Should().Be("600Mi");
            var jobName = workload["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>();
            _server.Store.GetJob(Namespace, jobName)!["spec"]!["suspend"]!.GetValue<bool>().Should().BeFalse();
        }
    }

    [Test]
    public async Task Kubectl_tables_show_the_queues_counts_through_the_crd_printer_columns()
    {
        var clusterQueues = await _admin.RunAsync("get", "clusterqueues");
        var localQueues = await _user.RunAsync("get", "queues");
        var workloads = await _user.RunAsync("get", "workloads");

        clusterQueues.ExitCode.Should().Be(0, clusterQueues.ToString());
        clusterQueues.Stdout.Should().MatchRegex(@"NAME +COHORT +PENDING WORKLOADS\ncluster-queue +3\n");
        localQueues.ExitCode.Should().Be(0, localQueues.ToString());
        localQueues.Stdout.Should().MatchRegex(@"NAME +CLUSTERQUEUE +PENDING WORKLOADS +ADMITTED WORKLOADS\nuser-queue +cluster-queue +3 +3\n");
        workloads.ExitCode.Should().Be(0, workloads.ToString());
        workloads.Stdout.Should().MatchRegex(@"NAME +QUEUE +RESERVED IN +ADMITTED +FINISHED +AGE\n");
        workloads.Stdout.Split('\n').Count(l => l.Contains("cluster-queue   True", StringComparison.Ordinal)).Should().Be(3);
    }

    [Test]
    public async Task Queue_status_reports_usage_per_flavor_in_both_served_versions()
    {
        var v1beta2 = await _user.RunAsync("get", "localqueues.v1beta2.kueue.x-k8s.io", "user-queue", "-o", "json");
        var v1beta1 = await _user.RunAsync("get", "localqueues.v1beta1.kueue.x-k8s.io", "user-queue", "-o", "json");
        var clusterQueue = await _admin.RunAsync("get", "clusterqueue", "cluster-queue", "-o", "json");

        v1beta2.ExitCode.Should().Be(0, v1beta2.ToString());
        var status = JsonNode.Parse(v1beta2.Stdout)!["status"]!;
        status["admittedWorkloads"]!.GetValue<int>().Should().Be(3);
        status["pendingWorkloads"]!.GetValue<int>().Should().Be(3);
        status["flavorsUsage"]![0]!["name"]!.GetValue<string>().Should().Be("default-flavor");
        status["flavorsUsage"]![0]!["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "cpu")!["total"]!.GetValue<string>().Should().Be("9");
        v1beta1.ExitCode.Should().Be(0, v1beta1.ToString());
        var old = JsonNode.Parse(v1beta1.Stdout)!;
        old["apiVersion"]!.GetValue<string>().Should().Be("kueue.x-k8s.io/v1beta1");
        old["status"]!["flavorUsage"].Should().NotBeNull("v1beta1 spells it flavorUsage");
        clusterQueue.ExitCode.Should().Be(0, clusterQueue.ToString());
        var cq = JsonNode.Parse(clusterQueue.Stdout)!;
        cq["spec"]!["queueingStrategy"]!.GetValue<string>().Should().Be("BestEffortFIFO", "the CRD default");
        cq["status"]!["conditions"]![0]!["reason"]!.GetValue<string>().Should().Be("Ready");
        cq["status"]!["flavorsReservation"]![0]!["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "memory")!["total"]!.GetValue<string>().Should().Be("1800Mi");
    }

    [Test]
    public async Task A_batch_user_cannot_read_cluster_queues_but_can_read_its_local_queue()
    {
        var clusterQueues = await _user.RunAsync("get", "clusterqueues");
        var flavors = await _user.RunAsync("get", "resourceflavors");

        clusterQueues.ExitCode.Should().NotBe(0);
        clusterQueues.Stderr.Should().Contain("clusterqueues.kueue.x-k8s.io is forbidden: User \"alice\" cannot list resource \"clusterqueues\" in API group \"kueue.x-k8s.io\" at the cluster scope");
        flavors.ExitCode.Should().NotBe(0);
    }

    private IReadOnlyList<JsonObject> Workloads() => _server.Store.Workloads(Namespace);

    private List<string> Jobs() => _server.Store.Jobs(Namespace).Select(j => j["metadata"]!["name"]!.GetValue<string>()).ToList();

    private long CreationOrder(string job) => _server.Store.CreatedRevision(_server.Store.GetJob(Namespace, job)!);

    private static string? Condition(JsonObject workload, string type) =>
        (workload["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => c?["type"]?.GetValue<string>() == type)?["status"]?.GetValue<string>();
}
