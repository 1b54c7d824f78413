using Jobman.Core;
using Jobman.Core.Flavors;
using Jobman.Plugins.KubernetesJobs.Arrays;
using Jobman.Plugins.KubernetesJobs.Submit;
using k8s.Models;

namespace Jobman.Plugins.KubernetesJobs.Tests.Arrays;

public class ArrayManifestTests
{
    private static readonly ResourceFlavor Flavor = new("no-gpu", null, new Dictionary<string, string> { ["cpu"] = "1" }, new Dictionary<string, string>(), "settings");

    [Test]
    public void A_dense_array_is_an_indexed_job_whose_tasks_read_their_id_from_the_downward_api()
    {
        var job = Job(["python", "train.py"]);
        var table = ArrayManifest.Apply(job, ArrayPlan.Create(ArraySpec.Parse("0-99%8"), null, retriesPerIndex: 2, maxFailed: 5));

        table.Should().BeNull();
        job.Spec.CompletionMode.Should().Be("Indexed");
        job.Spec.Completions.Should().Be(100);
        job.Spec.Parallelism.Should().Be(8);
        job.Spec.BackoffLimitPerIndex.Should().Be(2);
        job.Spec.BackoffLimit.Should().BeNull("the global limit would stop the array after a few failed tasks");
        job.Spec.MaxFailedIndexes.Should().Be(5);
        job.Metadata.Annotations.Should().Contain(ArrayKeys.TaskIdsAnnotation, "0-99");
        var container = job.Spec.Template.Spec.Containers[0];
        container.Args.Should().Equal("python", "train.py");
        container.Command.Should().BeNull();
        container.Env.Should().ContainSingle(e => e.Name == ArrayKeys.TaskIdVariable)
            .Which.ValueFrom.FieldRef.FieldPath.Should().Be("metadata.annotations['batch.kubernetes.io/job-completion-index']");
        job.Spec.Template.Spec.Volumes.Should().BeNull();
    }

    [Test]
    public void Without_percent_every_task_may_run_at_once() =>
        ApplyTo(Job(["x"]), "0-9").Spec.Parallelism.Should().Be(10);

    [Test]
    public void Sparse_ids_mount_an_owned_task_table_and_wrap_the_command()
    {
        var job = Job(["python", "train.py", "--lr", "$(LR)"]);
        var table = ArrayManifest.Apply(job, ArrayPlan.Create(ArraySpec.Parse("1,4,9"), null, 0, null))!;

        table.Metadata.Name.Should().Be("train-array");
        table.Metadata.NamespaceProperty.Should().Be("team-a");
        table.Data.Keys.Should().BeEquivalentTo("0.env", "1.env", "2.env");
        table.Data["2.env"].Should().Be("JOBMAN_ARRAY_TASK_ID='9'\n");
        job.Spec.Completions.Should().Be(3);
        job.Metadata.Annotations.Should().Contain(ArrayKeys.TaskIdsAnnotation, "1,4,9");
        var container = job.Spec.Template.Spec.Containers[0];
        container.Command.Should().Equal("/bin/sh", "-c", ArrayKeys.WrapperScript, "/etc/jobman/array", "python", "train.py", "--lr", "$(LR)");
        container.Args.Should().BeNull();
        container.VolumeMounts.Should().ContainSingle().Which.Should().BeEquivalentTo(new V1VolumeMount { Name = "jobman-array", MountPath = "/etc/jobman/array", ReadOnlyProperty = true });
        job.Spec.Template.Spec.Volumes.Should().ContainSingle().Which.ConfigMap.Name.Should().Be("train-array");
    }

    [Test]
    public void A_table_without_a_command_to_wrap_is_refused()
    {
        FluentActions.Invoking(() => ArrayManifest.Apply(Job([]), ArrayPlan.Create(ArraySpec.Parse("2-3"), null, 0, null)))
            .Should().Throw<JobmanException>().Which.ExitCode.Should().Be(ExitCodes.Usage);
    }

    [Test]
    public void Unwrap_gives_back_the_job_before_the_array()
    {
        var plain = Job(["python", "train.py"]);
        var before = k8s.KubernetesJson.Serialize(plain);
        foreach (var ids in new[] { "0-9", "1,4,9" })
        {
            var job = Job(["python", "train.py"]);
            ArrayManifest.Apply(job, ArrayPlan.Create(ArraySpec.Parse(ids), null, 1, null));
            ArrayManifest.HasTable(job).Should().Be(ids == "1,4,9");
            ArrayManifest.Unwrap(job);
            if (ids == "1,4,9")
            {
                // The wrapper ran the tokens as the command: unwrapped, they stay the command.
                job.Spec.Template.Spec.Containers[0].Command.Should().Equal("python", "train.py");
                continue;
            }

            // Apply dropped the global backoffLimit for per-task retries; everything else is as before.
            job.Spec.BackoffLimit = 0;
            k8s.KubernetesJson.Serialize(job).Should().Be(before);
        }
    }

    private static V1Job ApplyTo(V1Job job, string ids)
    {
        ArrayManifest.Apply(job, ArrayPlan.Create(ArraySpec.Parse(ids), null, 0, null));
        return job;
    }

    private static V1Job Job(string[] command) => JobManifestBuilder.Build(new JobRequest("train", "team-a", "reg/x:1", Flavor) { Command = command });
}
