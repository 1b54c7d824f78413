using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Jobman.Testing.Tests.Kubernetes;

/// <summary>The upstream fixtures and the assembled samples decode with the official client models.</summary>
public sealed class FixtureDecodingTests
{
    [Test]
    public void Upstream_roundtrip_fixtures_decode()
    {
        var job = Decode<V1Job>("fixtures-roundtrip/batch.v1.Job.json");
        var pod = Decode<V1Pod>("fixtures-roundtrip/core.v1.Pod.json");
        var cm = Decode<V1ConfigMap>("fixtures-roundtrip/core.v1.ConfigMap.json");
        var ns = Decode<V1Namespace>("fixtures-roundtrip/core.v1.Namespace.json");
        var status = Decode<V1Status>("fixtures-roundtrip/core.v1.Status.json");
        var evt = Decode<Corev1Event>("fixtures-roundtrip/core.v1.Event.json");

        job.Kind.Should().Be("Job");
        job.Spec.Template.Spec.Containers.Should().NotBeEmpty();
        pod.Status.ContainerStatuses.Should().NotBeEmpty();
        cm.Data.Should().NotBeEmpty();
        ns.Metadata.Name.Should().NotBeNullOrEmpty();
        status.Kind.Should().Be("Status");
        evt.Kind.Should().Be("Event");
    }

    [Test]
    public void Assembled_lists_and_pods_decode()
    {
        var jobs = Decode<V1JobList>("samples/joblist-running-succeeded-failed.json");
        var page = Decode<V1JobList>("samples/joblist-page1-limit1.json");
        var pods = Decode<V1PodList>("samples/podlist-by-job-selector.json");
        var pending = Decode<V1Pod>("samples/pod-pending-unschedulable.json");
        var pullBackOff = Decode<V1Pod>("samples/pod-imagepullbackoff.json");
        var minikube = Decode<V1PodList>("real-captures/minikube-2017-podlist-from-csharp-tests.json");

        jobs.Items.Should().HaveCount(3);
        jobs.Items[1].Status.Conditions.Select(c => c.Type).Should().Equal("SuccessCriteriaMet", "Complete");
        page.Metadata.ContinueProperty.Should().NotBeNullOrEmpty();
        page.Metadata.RemainingItemCount.Should().Be(2);
        pods.Items.Should().NotBeEmpty();
        pending.Status.Conditions.Single().Reason.Should().Be("Unschedulable");
        pullBackOff.Status.ContainerStatuses.Single().State.Waiting.Reason.Should().Be("ImagePullBackOff");
        minikube.Items.Should().NotBeEmpty();
    }

    [Test]
    public void Every_status_sample_decodes_as_a_status()
    {
        var files = Directory.GetFiles(Contracts.Kubernetes("samples"), "status-*.json");

        files.Should().NotBeEmpty();
        foreach (var file in files)
        {
            var status = KubernetesJson.Deserialize<V1Status>(File.ReadAllText(file));
            status.Kind.Should().Be("Status", file);
            status.Status.Should().BeOneOf("Success", "Failure");
        }
    }

    [Test]
    public void Watch_event_sample_objects_decode_as_jobs_or_statuses()
    {
        var events = JsonNode.Parse(File.ReadAllText(Contracts.Kubernetes("samples/watch-job-events.json")))!.AsArray();

        foreach (var evt in events)
        {
            var obj = evt!["object"]!.ToJsonString();
            if (evt["type"]!.GetValue<string>() == "ERROR")
            {
                KubernetesJson.Deserialize<V1Status>(obj).Code.Should().Be(410);
            }
            else
            {
                KubernetesJson.Deserialize<V1Job>(obj).Kind.Should().Be("Job");
            }
        }
    }

    private static T Decode<T>(string relative) => KubernetesJson.Deserialize<T>(File.ReadAllText(Contracts.Kubernetes(relative)));
}
