using System.Text.Json.Nodes;
using Jobman.Core.Settings;

namespace Jobman.Core.Tests;

public class SettingsLoaderTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("jobman-settings-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Objects_merge_deeply_and_arrays_and_scalars_replace()
    {
        var template = Write("t.json", """{ "a": { "x": 1, "y": [1, 2] }, "b": "keep", "c": { "d": true } }""");
        var user = Write("u.json", """{ "a": { "y": [3] }, "c": null }""");
        var explicitFile = Write("s.json", """{ "a": { "z": "new" } }""");

        var settings = SettingsLoader.Load(template, user, explicitFile);

        settings.Root.ToJsonString().Should().Be("""{"a":{"x":1,"y":[3],"z":"new"},"b":"keep","c":null}""");
        settings.Sources.Should().Equal(template, user, explicitFile);
    }

    [Test]
    public void A_securityContext_of_a_later_layer_replaces_the_earlier_one_whole()
    {
        var template = Write("t.json", """{ "job": { "securityContext": { "runAsNonRoot": true, "runAsUser": 1000 }, "defaultImage": "a" } }""");
        var user = Write("u.json", """{ "job": { "securityContext": { "runAsUser": 0 } } }""");

        var settings = SettingsLoader.Load(template, user, null);

        settings.Root.ToJsonString().Should().Be("""{"job":{"securityContext":{"runAsUser":0},"defaultImage":"a"}}""");
    }

    [Test]
    public void Missing_optional_files_are_skipped()
    {
        var settings = SettingsLoader.Load(Path.Combine(_dir, "none.json"), null, null);

        settings.Root.Count.Should().Be(0);
        settings.Sources.Should().BeEmpty();
    }

    [Test]
    public void Comments_and_trailing_commas_are_tolerated()
    {
        var file = Write("c.json", "{ // a comment\n \"b\": 1, }");

        SettingsLoader.Load(null, null, file).Get("b")!.GetValue<int>().Should().Be(1);
    }

    [TestCase("{ \"a\": 1, \"a\": 2 }")]
    [TestCase("{\n  \"job\": {\n    \"queue\": \"x\",\n    \"queue\": \"y\"\n  }\n}")]
    public void A_key_given_twice_in_one_object_is_refused(string json)
    {
        var file = Write("twice.json", json);

        var act = () => SettingsLoader.Load(null, null, file);

        act.Should().Throw<JobmanException>().Where(e => e.ExitCode == 2)
            .WithMessage("*twice.json' is not valid JSON: a key appears twice in one object", "the check knows no position, so none is made up");
    }

    [Test]
    public void A_byte_order_mark_is_read_past()
    {
        var file = Path.Combine(_dir, "bom.json");
        File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. "{ \"b\": \"\u00e9\" }"u8]);

        SettingsLoader.Load(null, null, file).Get("b")!.GetValue<string>().Should().Be("\u00e9");
    }

    [Test]
    public void Bytes_that_are_not_utf8_are_refused_with_their_place()
    {
        var file = Path.Combine(_dir, "latin1.json");
        File.WriteAllBytes(file, [.. "{\n  \"b\": \""u8, 0xE9, .. "\" }"u8]);

        var act = () => SettingsLoader.Load(null, null, file);

        act.Should().Throw<JobmanException>().Where(e => e.ExitCode == 2).WithMessage("*not valid JSON (line 2, column 9)*");
    }

    [Test]
    public void A_non_object_document_is_rejected()
    {
        var file = Write("arr.json", "[1]");

        var act = () => SettingsLoader.Load(null, null, file);

        act.Should().Throw<JobmanException>().Where(e => e.ExitCode == 2).WithMessage("*must contain a JSON object*");
    }

    [Test]
    public void Typed_sections_use_the_original_keys_and_defaults()
    {
        var settings = new JobmanSettings(JsonNode.Parse("""
            { "jobsQueue": { "gpuResources": ["nvidia.com/gpu"] },
              "job": { "defaultImage": "ubuntu", "resources": { "default": "x" } } }
            """)!.AsObject(), []);

        settings.JobsQueue.Should().BeEquivalentTo(new JobsQueueSettings { GpuResources = ["nvidia.com/gpu"] });
        settings.JobsQueue.Configmap.Should().Be("jobman-queue-position");
        settings.Job.DefaultImage.Should().Be("ubuntu");
        settings.Job.Resources.Default.Should().Be("x");
        settings.KubeConfig.Type.Should().Be("default");
    }

    // Core reads its sections with generated code, which would give a missing init-only property null instead of
    // its initial value (dotnet/runtime#84484): every key left out must still get the documented default.
    [TestCase("""{ "kubeConfig": { "file": "k" }, "jobsQueue": { "namespace": "q" }, "job": { "queue": "lq" } }""")]
    [TestCase("""{ "kubeConfig": {}, "jobsQueue": {}, "job": {} }""")]
    [TestCase("""{ "kubeConfig": { "type": null }, "jobsQueue": { "configmap": null, "gpuResources": null }, "job": { "resources": null } }""")]
    public void Keys_left_out_of_a_section_keep_their_defaults(string json)
    {
        var settings = new JobmanSettings(JsonNode.Parse(json)!.AsObject(), []);

        settings.KubeConfig.Type.Should().Be("default");
        settings.JobsQueue.Configmap.Should().Be("jobman-queue-position");
        settings.JobsQueue.GpuResources.Should().NotBeNull();
        settings.Job.Resources.Should().NotBeNull();
    }

    [Test]
    public void A_section_of_the_wrong_shape_names_its_key()
    {
        var settings = new JobmanSettings(JsonNode.Parse("""{ "kubeConfig": { "type": ["file"] } }""")!.AsObject(), []);

        var act = () => settings.KubeConfig;

        act.Should().Throw<JobmanException>().Where(e => e.ExitCode == 2).WithMessage("settings key 'kubeConfig' has an invalid value*");
    }

    [Test]
    public void A_section_of_the_wrong_shape_is_a_usage_error_naming_the_key()
    {
        var settings = new JobmanSettings(JsonNode.Parse("""{ "jobsQueue": { "gpuResources": "nvidia.com/gpu" } }""")!.AsObject(), []);

        var act = () => settings.JobsQueue;

        act.Should().Throw<JobmanException>().Where(e => e.ExitCode == 2).WithMessage("settings key 'jobsQueue' has an invalid value*");
    }

    private string Write(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }
}
