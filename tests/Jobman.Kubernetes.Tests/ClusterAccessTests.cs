using Jobman.Core;
using Jobman.Sandbox.Kubernetes;
using k8s;
using k8s.Models;

namespace Jobman.Kubernetes.Tests;

/// <summary>Error mapping and retries against the Kubernetes API double, through the official client.</summary>
public class ClusterAccessTests : DoubleClusterTest
{
    private static readonly KubernetesRetry FastRetry = new(attempts: 4, baseDelay: TimeSpan.FromMilliseconds(5), maxDelay: TimeSpan.FromMilliseconds(50));

    [Test]
    public async Task Invalid_object_names_the_rejected_field()
    {
        using var connection = Connect();
        var job = new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "bad" },
            Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Always", Containers = [new V1Container { Name = "main", Image = "x" }] } } },
        };

        var act = () => FastRetry.RunAsync(ct => connection.Client.BatchV1.CreateNamespacedJobAsync(job, "team-a", cancellationToken: ct), connection, "create job 'bad'", idempotent: false, CancellationToken.None);

        (await act.Should().ThrowAsync<JobmanException>()).Which.Message.Should()
            .StartWith("cannot create job 'bad': the cluster rejected the object (422 Invalid): spec.template.spec.restartPolicy: Unsupported value: \"Always\"");
    }

    [Test]
    public async Task Forbidden_quotes_the_status_message()
    {
        using var connection = Connect();
        var act = () => FastRetry.RunAsync(ct => connection.Client.BatchV1.ListNamespacedJobAsync("kube-system", cancellationToken: ct), connection, "list jobs", idempotent: true, CancellationToken.None);

        (await act.Should().ThrowAsync<JobmanException>()).Which.Message.Should()
            .Be("cannot list jobs: permission denied (403 Forbidden): jobs.batch is forbidden: User \"alice\" cannot list resource \"jobs\" in API group \"batch\" in the namespace \"kube-system\"");
    }

    [Test]
    public async Task Reads_are_retried_on_throttling_and_server_errors()
    {
        using var connection = Connect();
        Cluster.Faults.Next(1, Fault.TooManyRequests(0), "/jobs");
        Cluster.Faults.Next(2, Fault.ServerError(), "/jobs");

        var list = await FastRetry.RunAsync(ct => connection.Client.BatchV1.ListNamespacedJobAsync("team-a", cancellationToken: ct), connection, "list jobs", idempotent: true, CancellationToken.None);

        list.Items.Should().BeEmpty();
        Cluster.Requests.Select(r => r.StatusCode).Should().Equal(429, 500, 500, 200);
    }

    [Test]
    public async Task Creates_are_retried_only_when_throttled()
    {
        using var connection = Connect();
        Cluster.Faults.Next(1, Fault.ServerError(), "/configmaps");
        var map = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "m" } };

        var act = () => FastRetry.RunAsync(ct => connection.Client.CoreV1.CreateNamespacedConfigMapAsync(map, "team-a", cancellationToken: ct), connection, "create ConfigMap 'm'", idempotent: false, CancellationToken.None);

        (await act.Should().ThrowAsync<JobmanException>()).Which.Message.Should().StartWith("cannot create ConfigMap 'm': the API server failed (500)");
        Cluster.Requests.Should().ContainSingle();
    }

    [Test]
    public async Task Retries_run_out_with_a_throttling_message()
    {
        using var connection = Connect();
        Cluster.Faults.Next(4, Fault.TooManyRequests(0));

        var act = () => FastRetry.RunAsync(ct => connection.Client.CoreV1.ListNamespacedPodAsync("team-a", cancellationToken: ct), connection, "list pods", idempotent: true, CancellationToken.None);

        (await act.Should().ThrowAsync<JobmanException>()).Which.Message.Should().Contain("429 Too Many Requests").And.Contain("retries ran out");
        Cluster.Requests.Should().HaveCount(4);
    }

    [Test]
    public async Task Not_found_carries_the_status_message()
    {
        using var connection = Connect();
        Cluster.Store.PutConfigMap("team-a", "present", new Dictionary<string, string> { ["k"] = "v" });
        var act = () => FastRetry.RunAsync(ct => connection.Client.CoreV1.ReadNamespacedConfigMapAsync("absent", "team-a", cancellationToken: ct), connection, "read ConfigMap 'absent'", idempotent: true, CancellationToken.None);

        (await act.Should().ThrowAsync<JobmanException>()).Which.Message.Should().Be("cannot read ConfigMap 'absent': configmaps \"absent\" not found (404 Not Found)");
        var present = await connection.Client.CoreV1.ReadNamespacedConfigMapAsync("present", "team-a");
        present.Data.Should().Contain("k", "v");
    }
}
