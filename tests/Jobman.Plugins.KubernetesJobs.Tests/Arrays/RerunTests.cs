using System.Text.Json.Nodes;
using Jobman.Kubernetes;
using Jobman.Plugins.KubernetesJobs.Rerun;

namespace Jobman.Plugins.KubernetesJobs.Tests.Arrays;

public class RerunTests
{
    /// <summary>A job as an API server returns it after kubectl created it: generated fields everywhere.</summary>
    private const string ServerJob = """
        {
          "apiVersion": "batch/v1", "kind": "Job",
          "metadata": {
            "name": "train", "namespace": "team-a", "uid": "1c6a-uid", "resourceVersion": "812", "generation": 1,
            "creationTimestamp": "2026-12-01T10:00:00Z",
            "labels": {"batch.kubernetes.io/controller-uid": "1c6a-uid", "controller-uid": "1c6a-uid", "batch.kubernetes.io/job-name": "train", "job-name": "train", "team": "vision"},
            "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}", "batch.kubernetes.io/job-tracking": "", "note": "keep"},
            "managedFields": [{"manager": "kubectl"}]
          },
          "spec": {
            "parallelism": 1, "completions": 1, "backoffLimit": 3, "suspend": false, "podReplacementPolicy": "TerminatingOrFailed",
            "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "1c6a-uid"}},
            "manualSelector": false,
            "template": {
              "metadata": {"creationTimestamp": null, "labels": {"batch.kubernetes.io/controller-uid": "1c6a-uid", "controller-uid": "1c6a-uid", "batch.kubernetes.io/job-name": "train", "job-name": "train", "app": "x"}},
              "spec": {"restartPolicy": "Never", "tolerations": [{"key": "gpu", "operator": "Exists"}],
                       "containers": [{"name": "c", "image": "busybox", "command": ["sh", "-c", "exit 1"], "env": [{"name": "A", "value": "1"}]}]}
            }
          },
          "status": {"failed": 4, "conditions": [{"type": "Failed", "status": "True"}]}
        }
        """;

    [Test]
    public void A_rerun_keeps_what_was_written_and_drops_what_the_server_generated()
    {
        var job = RerunManifest.From(JsonNode.Parse(ServerJob)!.AsObject(), "train-r1");

        job.Metadata.Name.Should().Be("train-r1");
        job.Metadata.NamespaceProperty.Should().Be("team-a");
        job.Metadata.Uid.Should().BeNull();
        job.Metadata.ResourceVersion.Should().BeNull();
        job.Metadata.CreationTimestamp.Should().BeNull();
        job.Metadata.ManagedFields.Should().BeNull();
        job.Metadata.Labels.Should().BeEquivalentTo(new Dictionary<string, string> { ["team"] = "vision", [JobLabels.ManagedBy] = "jobman" });
        job.Metadata.Annotations.Should().BeEquivalentTo(new Dictionary<string, string> { ["note"] = "keep" });
        job.Spec.Selector.Should().BeNull();
        job.Spec.ManualSelector.Should().BeNull();
        job.Spec.Suspend.Should().BeNull();
        job.Spec.BackoffLimit.Should().Be(3);
        job.Spec.Template.Metadata.Labels.Should().BeEquivalentTo(new Dictionary<string, string> { ["app"] = "x", [JobLabels.ManagedBy] = "jobman" });
        job.Spec.Template.Spec.Tolerations.Should().ContainSingle().Which.Key.Should().Be("gpu");
        job.Spec.Template.Spec.Containers[0].Command.Should().Equal("sh", "-c", "exit 1");
        job.Status.Should().BeNull();
    }

    [Test]
    public void A_rerun_of_a_queued_job_is_created_suspended_for_kueue()
    {
        var json = JsonNode.Parse(ServerJob)!.AsObject();
        json["metadata"]!["labels"]![JobLabels.KueueQueueName] = "team-a-queue";
        RerunManifest.From(json, "train-r1").Spec.Suspend.Should().BeTrue();
    }

    [TestCase("train", "train-r1", "train-r2")]
    [TestCase("train-r1", "train-r2", "train-r3")]
    [TestCase("train-r9", "train-r10", "train-r11")]
    [TestCase("a-r", "a-r-r1", "a-r-r2")]
    public void Rerun_names_count_up(string old, string first, string second) =>
        RerunNames.Candidates(old).Take(2).Should().Equal(first, second);

    [Test]
    public void Rerun_names_stay_within_63_characters_and_valid()
    {
        var old = new string('a', 60) + "-b-c";
        foreach (var name in RerunNames.Candidates(old).Take(12))
        {
            name.Length.Should().BeLessThanOrEqualTo(63);
            FluentActions.Invoking(() => Jobman.Kubernetes.Names.JobName.Parse(name)).Should().NotThrow();
        }
    }

    [Test]
    public void The_chain_lists_every_ancestor_oldest_first()
    {
        var first = new Dictionary<string, string>();
        RerunChain.Record(first, "train", parentAnnotations: null);
        first.Should().Contain(RerunChain.RerunOfAnnotation, "train").And.Contain(RerunChain.ChainAnnotation, "train");

        var second = new Dictionary<string, string>();
        RerunChain.Record(second, "train-r1", first);
        RerunChain.Of(second).Should().Equal("train", "train-r1");
        RerunChain.Of(new Dictionary<string, string>()).Should().BeEmpty();
        RerunChain.Of(new Dictionary<string, string> { [RerunChain.RerunOfAnnotation] = "x" }).Should().Equal("x");
    }
}
