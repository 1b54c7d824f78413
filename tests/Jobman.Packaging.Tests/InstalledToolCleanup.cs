namespace Jobman.Packaging.Tests;

/// <summary>Removes the installed tool after all tests of the assembly.</summary>
[SetUpFixture]
public sealed class InstalledToolCleanup
{
    [OneTimeTearDown]
    public void RemoveInstalledTool() => InstalledTool.Remove();
}
