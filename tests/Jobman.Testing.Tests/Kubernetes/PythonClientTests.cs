using Jobman.Sandbox.Kubernetes;

namespace Jobman.Testing.Tests.Kubernetes;

/// <summary>The official Python client (a second independent client besides kubectl) against the double.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class PythonClientTests
{
    private KubernetesApiServer _server = null!;
    private string _token = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await KubernetesApiServer.StartAsync();
        _token = _server.AddUser("alice", "team-a");
        _server.AddUser("bob", "team-b");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        var errors = _server.BackgroundErrors;
        await _server.DisposeAsync();
        errors.Should().BeEmpty();
    }

    [Test]
    public async Task Watch_streams_events_for_the_python_clients_watch_True()
    {
        _server.Store.PutJob("team-a", TestJobs.Job("watched", "true"), managed: false);
        using var python = new PythonClientRunner(_server, _token, "team-a");

        var result = await python.RunAsync("""
            for event in watch.Watch().stream(client.BatchV1Api().list_namespaced_job, "team-a", timeout_seconds=1):
                print(event["type"], event["object"].metadata.name, event["object"].kind)
            """);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("ADDED watched Job\n");
        _server.Requests.Should().Contain(r => r.Path == "/apis/batch/v1/namespaces/team-a/jobs" && r.Query.Contains("watch=True", StringComparison.Ordinal));
    }

    [Test]
    public async Task Reads_an_indexed_jobs_status_and_its_pods_indexes()
    {
        var job = TestJobs.Indexed("py-indexed", "test \"$JOB_COMPLETION_INDEX\" != 1", completions: 3, parallelism: 3, backoffLimitPerIndex: 0);
        _server.Store.PutJob("team-a", job);
        await Poll.UntilAsync(() => _server.Store.GetJob("team-a", "py-indexed"), j => TestJobs.HasCondition(j, "Failed"), "py-indexed failed");
        using var python = new PythonClientRunner(_server, _token, "team-a");

        var result = await python.RunAsync("""
            job = client.BatchV1Api().read_namespaced_job("py-indexed", "team-a")
            failed = [c for c in job.status.conditions if c.type == "Failed"][0]
            print(job.spec.completion_mode, job.status.completed_indexes, job.status.succeeded, job.status.failed, failed.reason)
            pods = client.CoreV1Api().list_namespaced_pod("team-a", label_selector="job-name=py-indexed").items
            print(sorted(p.metadata.labels["batch.kubernetes.io/job-completion-index"] for p in pods))
            print(sorted(p.metadata.name.rsplit("-", 1)[0] for p in pods))
            """);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be("Indexed 0,2 2 1 FailedIndexes\n['0', '1', '2']\n['py-indexed-0', 'py-indexed-1', 'py-indexed-2']\n");
    }

    [Test]
    public async Task Self_subject_access_review_answers_from_the_users_rights()
    {
        using var python = new PythonClientRunner(_server, _token, "team-a");

        var result = await python.RunAsync("""
            api = client.AuthorizationV1Api()
            for ns in ["team-a", "team-b"]:
                review = client.V1SelfSubjectAccessReview(spec=client.V1SelfSubjectAccessReviewSpec(
                    resource_attributes=client.V1ResourceAttributes(namespace=ns, verb="create", group="batch", resource="jobs")))
                print(ns, api.create_self_subject_access_review(review).status.allowed)
            """);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be("team-a True\nteam-b False\n");
    }

    [Test]
    public async Task Events_k8s_io_lists_the_core_events_converted()
    {
        _server.Store.PutEvent("team-a", new System.Text.Json.Nodes.JsonObject
        {
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "python.1" },
            ["involvedObject"] = new System.Text.Json.Nodes.JsonObject { ["kind"] = "Job", ["name"] = "python-job", ["namespace"] = "team-a", ["apiVersion"] = "batch/v1" },
            ["reason"] = "Completed",
            ["message"] = "Job completed",
            ["type"] = "Normal",
            ["eventTime"] = "2026-12-05T08:00:00.000000Z",
            ["reportingComponent"] = "job-controller",
            ["reportingInstance"] = "sandbox",
            ["action"] = "Complete",
        });
        using var python = new PythonClientRunner(_server, _token, "team-a");

        var result = await python.RunAsync("""
            events = client.EventsV1Api().list_namespaced_event("team-a", field_selector="regarding.name=python-job")
            for e in events.items:
                print(e.regarding.kind, e.regarding.name, e.reason, e.note, e.reporting_controller, e.event_time.isoformat())
            """);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be("Job python-job Completed Job completed job-controller 2026-12-05T08:00:00+00:00\n");
    }
}
