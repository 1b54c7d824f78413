using Jobman.Core.Registries;

namespace Jobman.Core.Tests;

public class ImageReferenceTests
{
    [TestCase("ubuntu", "ubuntu", null)]
    [TestCase("ubuntu:22.04", "ubuntu", "22.04")]
    [TestCase("team/trainer:v1", "team/trainer", "v1")]
    [TestCase("registry.example:5000/team/trainer", "registry.example:5000/team/trainer", null)]
    [TestCase("registry.example:5000/team/trainer:v2", "registry.example:5000/team/trainer", "v2")]
    [TestCase("app@sha256:abc", "app", null)]
    public void Parses_name_and_tag(string text, string repository, string? tag)
    {
        ImageReference.Parse(text).Should().Be(new ImageReference(repository, tag));
    }

    [TestCase("")]
    [TestCase("name:")]
    [TestCase(":tag")]
    public void Rejects_invalid_names(string text)
    {
        var act = () => ImageReference.Parse(text);

        act.Should().Throw<JobmanException>().Where(e => e.ExitCode == 2);
    }
}
