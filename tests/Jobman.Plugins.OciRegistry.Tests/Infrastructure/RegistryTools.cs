namespace Jobman.Plugins.OciRegistry.Tests.Infrastructure;

/// <summary>The real registry and push tool the tests need; missing tools fail the run instead of skipping it.</summary>
internal static class RegistryTools
{
    public const string RegistryBinary = "/usr/bin/docker-registry";

    public static string Skopeo { get; } = FindOnPath("skopeo") ?? "/usr/bin/skopeo";

    public static void RequireInstalled()
    {
        var missing = new[] { RegistryBinary, Skopeo }.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            Assert.Fail($"missing {string.Join(" and ", missing)}: run .ci/install-registry-tools.sh (CI installs them) to get Debian's docker-registry and skopeo");
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
