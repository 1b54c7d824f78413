using System.Net;
using Jobman.Sandbox.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Jobman.Testing.Tests.Kubernetes;

/// <summary>The official C# client (KubernetesClient 21) against the double, configured from the written kubeconfig.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class KubernetesClientConformanceTests
{
    private const string Ns = "client-ns";
    private KubernetesApiServer _server = null!;
    private IKubernetes _client = null!;
    private string _folder = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { PodRetryDelay = TimeSpan.Zero });
        _folder = Directory.CreateTempSubdirectory("k8s-client-").FullName;
        var kubeconfig = _server.WriteKubeconfig(Path.Combine(_folder, "config"), _server.AddUser("bob", Ns), Ns);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
        config.Namespace.Should().Be(Ns);
        _client = new k8s.Kubernetes(config);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        var errors = _server.BackgroundErrors;
        await _server.DisposeAsync();
        errors.Should().BeEmpty();
        Directory.Delete(_folder, recursive: true);
    }

    [TearDown]
    public void ResetFaults() => _server.Faults.Clear();

    [Test]
    public async Task List_with_limit_and_continue_pages_in_key_order()
    {
        foreach (var name in new[] { "paging-c", "paging-a", "paging-b" })
        {
            _server.Store.PutJob(Ns, TestJobs.Job(name, "true"), managed: false);
        }

        var first = await _client.BatchV1.ListNamespacedJobAsync(Ns, labelSelector: "job-name in (paging-a,paging-b,paging-c)", limit: 2);
        var second = await _client.BatchV1.ListNamespacedJobAsync(Ns, labelSelector: "job-name in (paging-a,paging-b,paging-c)", limit: 2,
            continueParameter: first.Metadata.ContinueProperty);

        first.Items.Select(j => j.Metadata.Name).Should().Equal("paging-a", "paging-b");
        first.Metadata.ContinueProperty.Should().NotBeNullOrEmpty();
        second.Items.Select(j => j.Metadata.Name).Should().Equal("paging-c");
        second.Metadata.ContinueProperty.Should().BeNull();
        first.Items[0].Spec.Selector.MatchLabels["batch.kubernetes.io/controller-uid"].Should().Be(first.Items[0].Metadata.Uid);
    }

    [Test]
    public async Task An_expired_continue_token_is_a_410_with_a_fresh_token()
    {
        _server.Store.PutJob(Ns, TestJobs.Job("expire-a", "true"), managed: false);
        _server.Store.PutJob(Ns, TestJobs.Job("expire-b", "true"), managed: false);
        var first = await _client.BatchV1.ListNamespacedJobAsync(Ns, limit: 1);
        _server.Faults.ExpireContinueTokens = true;

        var act = () => _client.BatchV1.ListNamespacedJobAsync(Ns, limit: 1, continueParameter: first.Metadata.ContinueProperty);

        var error = (await act.Should().ThrowAsync<HttpOperationException>()).Which;
        error.Response.StatusCode.Should().Be(HttpStatusCode.Gone);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        status.Reason.Should().Be("Expired");
        status.Message.Should().Be(Contracts.Sample("status-410-expired-continue.json")["message"]!.GetValue<string>());
        status.Metadata.ContinueProperty.Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task Too_many_requests_surface_as_429_with_retry_after()
    {
        _server.Faults.Next(1, Fault.TooManyRequests(2), pathContains: "/jobs");

        var act = () => _client.BatchV1.ListNamespacedJobAsync(Ns);

        var error = (await act.Should().ThrowAsync<HttpOperationException>()).Which;
        error.Response.StatusCode.Should().Be((HttpStatusCode)429);
        error.Response.Headers["Retry-After"].Should().Equal("2");
        KubernetesJson.Deserialize<V1Status>(error.Response.Content).Reason.Should().Be("TooManyRequests");
        (await _client.BatchV1.ListNamespacedJobAsync(Ns)).Should().NotBeNull("only the next request was faulted");
    }

    [Test]
    public async Task Server_errors_surface_as_500()
    {
        _server.Faults.Next(1, Fault.ServerError(), pathContains: "/configmaps");

        var act = () => _client.CoreV1.ReadNamespacedConfigMapAsync("anything", Ns);

        (await act.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
    }

    [Test]
    public async Task Watch_reports_a_job_from_creation_to_completion()
    {
        // Held until the watch has seen it running; whether the watch starts before or after the create, the
        // job arrives as ADDED (a watch without resourceVersion starts with the current state).
        _server.Scenarios.For("watched", JobScenario.Hold);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<(WatchEventType Type, V1Job Job)>();
        await _client.BatchV1.CreateNamespacedJobAsync(ClientJob("watched", "echo watched"), Ns);

        await foreach (var (type, job) in _client.BatchV1.WatchListNamespacedJobAsync(Ns, fieldSelector: "metadata.name=watched",
                           timeoutSeconds: 15, cancellationToken: cts.Token))
        {
            events.Add((type, job));
            if (job.Status?.Active == 1)
            {
                _server.Scenarios.Release("watched");
            }

            if (job.Status?.Conditions?.Any(c => c.Type == "Complete" && c.Status == "True") == true)
            {
                break;
            }
        }

        events[0].Type.Should().Be(WatchEventType.Added);
        events.Skip(1).Should().OnlyContain(e => e.Type == WatchEventType.Modified);
        events.Should().Contain(e => e.Job.Status.Active == 1);
        events[^1].Job.Status.Succeeded.Should().Be(1);
        events.Should().Contain(e => e.Job.Status.Conditions != null && e.Job.Status.Conditions.Count == 1
            && e.Job.Status.Conditions[0].Type == "SuccessCriteriaMet", "SuccessCriteriaMet is written before Complete, as in the watch sample");
        events.Select(e => long.Parse(e.Job.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture)).Should().BeInAscendingOrder();
    }

    [Test]
    public async Task Log_follow_streams_until_the_container_ends()
    {
        _server.Store.PutJob(Ns, TestJobs.Job("client-follow", "echo first; sleep 0.3; echo second"));
        var pod = await Poll.UntilAsync(
            () => _server.Store.Pods(Ns).FirstOrDefault(p => (string?)p["metadata"]!["labels"]!["job-name"] == "client-follow"
                && (string?)p["status"]!["phase"] is "Running" or "Succeeded"),
            p => p is not null, "client-follow pod started");

        await using var stream = await _client.CoreV1.ReadNamespacedPodLogAsync((string)pod!["metadata"]!["name"]!, Ns, container: "main", follow: true);
        using var reader = new StreamReader(stream);

        (await reader.ReadToEndAsync()).Should().Be("first\nsecond\n");
    }

    [Test]
    public async Task Delete_with_background_propagation_removes_pods_and_returns_a_status()
    {
        _server.Scenarios.For("client-delete", JobScenario.Hold);
        await _client.BatchV1.CreateNamespacedJobAsync(ClientJob("client-delete", "true"), Ns);
        await Poll.UntilAsync(() => _server.Store.Pods(Ns).Count(p => (string?)p["metadata"]!["labels"]!["job-name"] == "client-delete"), n => n == 1, "pod");

        var status = await _client.BatchV1.DeleteNamespacedJobAsync("client-delete", Ns, propagationPolicy: "Background");

        status.Status.Should().Be("Success");
        status.Details.Kind.Should().Be("jobs");
        status.Details.Group.Should().Be("batch");
        await Poll.UntilAsync(() => _server.Store.Pods(Ns).Count(p => (string?)p["metadata"]!["labels"]!["job-name"] == "client-delete"), n => n == 0, "pods gone");
    }

    [Test]
    public async Task Configmaps_accept_json_patch_and_server_side_apply()
    {
        var applied = await _client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch(new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "applied" }, Data = new Dictionary<string, string> { ["a"] = "1" } },
                V1Patch.PatchType.ApplyPatch),
            "applied", Ns, fieldManager: "jobman");
        var patched = await _client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("[{\"op\":\"add\",\"path\":\"/data/b\",\"value\":\"2\"},{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"3\"}]", V1Patch.PatchType.JsonPatch),
            "applied", Ns);
        var reapplied = await _client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch(new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "applied" }, Data = new Dictionary<string, string> { ["c"] = "4" } },
                V1Patch.PatchType.ApplyPatch),
            "applied", Ns, fieldManager: "jobman");

        applied.Data.Should().Equal(new Dictionary<string, string> { ["a"] = "1" });
        patched.Data.Should().Equal(new Dictionary<string, string> { ["a"] = "3", ["b"] = "2" });
        reapplied.Data["c"].Should().Be("4");
        var failedTest = () => _client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"nope\"}]", V1Patch.PatchType.JsonPatch), "applied", Ns);
        (await failedTest.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be((HttpStatusCode)422);
    }

    [Test]
    public async Task Delete_collection_removes_the_selected_jobs_and_their_pods()
    {
        foreach (var name in new[] { "bulk-a", "bulk-b" })
        {
            _server.Scenarios.For(name, JobScenario.Hold);
            var job = ClientJob(name, "true");
            job.Metadata.Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "jobman-bulk" };
            await _client.BatchV1.CreateNamespacedJobAsync(job, Ns);
        }

        await Poll.UntilAsync(() => _server.Store.Pods(Ns).Count(p => ((string?)p["metadata"]!["labels"]!["job-name"])?.StartsWith("bulk-", StringComparison.Ordinal) == true), n => n == 2, "bulk pods");

        await _client.BatchV1.DeleteCollectionNamespacedJobAsync(Ns, labelSelector: "app.kubernetes.io/managed-by=jobman-bulk", propagationPolicy: "Background");

        _server.Store.Jobs(Ns).Should().NotContain(j => ((string)j["metadata"]!["name"]!).StartsWith("bulk-", StringComparison.Ordinal));
        await Poll.UntilAsync(() => _server.Store.Pods(Ns).Count(p => ((string?)p["metadata"]!["labels"]!["job-name"])?.StartsWith("bulk-", StringComparison.Ordinal) == true), n => n == 0, "bulk pods gone");
    }

    private static V1Job ClientJob(string name, string script) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1JobSpec
        {
            BackoffLimit = 0,
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec
                {
                    RestartPolicy = "Never",
                    Containers = [new V1Container { Name = "main", Image = "registry.example.test/tools/shell:1.0", Command = ["/bin/sh", "-c", script] }],
                },
            },
        },
    };
}
