using Jobman.Core;
using Jobman.Core.Flavors;
using Jobman.Core.Hosting;
using Jobman.Core.Settings;
using Jobman.Kubernetes;
using Jobman.Plugins.KubernetesJobs.Submit;

namespace Jobman.Plugins.KubernetesJobs.Tests.Unit;

public class JobManifestBuilderTests
{
    private static readonly ResourceFlavor Flavor = new(
        "small gpu",
        null,
        new Dictionary<string, string> { ["cpu"] = "4", ["nvidia.com/gpu"] = "1" },
        new Dictionary<string, string> { ["memory"] = "16Gi" },
        "settings");

    [Test]
    public void Builds_a_complete_batch_v1_job()
    {
        var job = JobManifestBuilder.Build(new JobRequest("train-1", "team-a", "reg/x:1", Flavor)
        {
            Command = ["python", "train.py"],
            Environment = [new("EPOCHS", "10")],
            Annotations = [new("a/b", "c")],
            Labels = [new("team", "vision")],
            FlavorAnnotationKey = "chaimeleon.eu/jobResourcesFlavor",
            TtlSecondsAfterFinished = 600,
            ActiveDeadlineSeconds = 7200,
            BackoffLimit = 2,
            PriorityClassName = "low",
            SecurityContextJson = """{"runAsNonRoot":true,"runAsUser":1000,"supplementalGroups":[]}""",
            SupplementalGroup = 4242,
        });

        job.ApiVersion.Should().Be("batch/v1");
        job.Kind.Should().Be("Job");
        job.Metadata.Name.Should().Be("train-1");
        job.Metadata.NamespaceProperty.Should().Be("team-a");
        job.Metadata.Annotations.Should().Contain("chaimeleon.eu/jobResourcesFlavor", "small gpu").And.Contain("a/b", "c");
        job.Metadata.Labels.Should().Contain(JobLabels.ManagedBy, "jobman").And.Contain(JobLabels.Flavor, "small-gpu").And.Contain("team", "vision");
        job.Spec.BackoffLimit.Should().Be(2);
        job.Spec.TtlSecondsAfterFinished.Should().Be(600);
        job.Spec.ActiveDeadlineSeconds.Should().Be(7200);
        job.Spec.Template.Metadata.Labels.Should().Contain(JobLabels.ManagedBy, "jobman");
        var pod = job.Spec.Template.Spec;
        pod.RestartPolicy.Should().Be("Never");
        pod.PriorityClassName.Should().Be("low");
        pod.SecurityContext.RunAsNonRoot.Should().BeTrue();
        pod.SecurityContext.SupplementalGroups.Should().Equal(4242);
        var container = pod.Containers.Single();
        container.Name.Should().Be("main");
        container.Image.Should().Be("reg/x:1");
        container.Args.Should().Equal("python", "train.py");
        container.Command.Should().BeNull();
        container.Env.Single().Name.Should().Be("EPOCHS");
        container.Resources.Requests["nvidia.com/gpu"].ToString().Should().Be("1");
        container.Resources.Limits["memory"].ToString().Should().Be("16Gi");
    }

    [Test]
    public void Command_flag_replaces_the_entrypoint()
    {
        var job = JobManifestBuilder.Build(new JobRequest("x", "ns", "img", Flavor) { Command = ["sh", "-c", "true"], ReplaceEntrypoint = true });
        job.Spec.Template.Spec.Containers[0].Command.Should().Equal("sh", "-c", "true");
        job.Spec.Template.Spec.Containers[0].Args.Should().BeNull();
        job.Spec.BackoffLimit.Should().Be(0);
        job.Metadata.Annotations.Should().BeNull();
    }

    [Test]
    public void Invalid_quantities_are_usage_errors()
    {
        var bad = new ResourceFlavor("bad", null, new Dictionary<string, string> { ["cpu"] = "lots" }, new Dictionary<string, string>(), "inline");
        FluentActions.Invoking(() => JobManifestBuilder.Build(new JobRequest("x", "ns", "img", bad)))
            .Should().Throw<JobmanException>().Where(e => e.ExitCode == ExitCodes.Usage && e.Message.Contains("'lots'"));
    }

    [Test]
    public void Env_values_must_have_an_equals_sign()
    {
        Text(SubmitArguments.Environment(["A=1", "B=", "C=x=y"])).Should().Equal("A=1", "B=", "C=x=y");
        FluentActions.Invoking(() => SubmitArguments.Environment(["NOPE"])).Should().Throw<JobmanException>().Which.ExitCode.Should().Be(ExitCodes.Usage);
    }

    [Test]
    public void Annotations_json_must_be_an_object_of_strings()
    {
        Text(SubmitArguments.Annotations("""{"a":"1","b":2,"c":true}""")).Should().Equal("a=1", "b=2", "c=true");
        foreach (var bad in new[] { "{", "[1]", """{"a":{"b":1}}""", """{"bad key":"x"}""" })
        {
            FluentActions.Invoking(() => SubmitArguments.Annotations(bad)).Should().Throw<JobmanException>().Which.ExitCode.Should().Be(ExitCodes.Usage, bad);
        }
    }

    [Test]
    public void Settings_annotations_read_env_through_the_jobman_environment()
    {
        var environment = new JobmanEnvironment("/home/x", name => name == "DATASETS" ? "d1,d2" : null);
        var result = SubmitArguments.SettingsAnnotations(
            [new AnnotationSetting("k1", "v1", "string"), new AnnotationSetting("k2", "DATASETS", "env"), new AnnotationSetting("k3", "UNSET", "env")],
            environment);
        Text(result).Should().Equal("k1=v1", "k2=d1,d2");
        FluentActions.Invoking(() => SubmitArguments.SettingsAnnotations([new AnnotationSetting("k", "v", "number")], environment))
            .Should().Throw<JobmanException>().WithMessage("*valueType 'number'*");
    }

    private static IEnumerable<string> Text(IEnumerable<KeyValuePair<string, string>> pairs) => pairs.Select(p => $"{p.Key}={p.Value}");
}
