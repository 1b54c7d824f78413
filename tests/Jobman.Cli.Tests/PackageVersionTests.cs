using Jobman.Cli.Updates;

namespace Jobman.Cli.Tests;

public class PackageVersionTests
{
    [TestCase("1.10.0", "1.9.0")]
    [TestCase("2.0.0", "1.3.16-BETA")]
    [TestCase("2.0.0", "2.0.0-rc.1")]
    [TestCase("2.0.0-rc.10", "2.0.0-rc.2")]
    [TestCase("2.0.0-rc.1", "2.0.0-beta")]
    [TestCase("1.0.0.1", "1.0.0")]
    public void Newer_versions_compare_greater(string newer, string older)
    {
        PackageVersion.TryParse(newer)!.CompareTo(PackageVersion.TryParse(older)).Should().BePositive();
        PackageVersion.TryParse(older)!.CompareTo(PackageVersion.TryParse(newer)).Should().BeNegative();
    }

    [TestCase("2.0.0+build.5", "2.0.0")]
    [TestCase("1.0", "1.0.0")]
    public void Build_metadata_and_missing_parts_do_not_count(string a, string b) =>
        PackageVersion.TryParse(a)!.CompareTo(PackageVersion.TryParse(b)).Should().Be(0);

    [TestCase("")]
    [TestCase("latest")]
    [TestCase("1.x")]
    public void Non_versions_are_refused(string text) => PackageVersion.TryParse(text).Should().BeNull();
}
