using Jobman.Testing.Prerequisites;

namespace Jobman.Plugins.OciRegistry.Tests.Infrastructure;

/// <summary>
/// The real registry and push tool the tests need (found by <see cref="Prerequisite.RegistryTools"/>: missing tools
/// skip the registry tests with how to get them, and fail the run under <c>CI=true</c>).
/// </summary>
internal static class RegistryTools
{
    private static RegistryToolPaths? s_paths;

    public static string RegistryBinary => Paths.DockerRegistry;

    public static string Skopeo => Paths.Skopeo;

    private static RegistryToolPaths Paths => s_paths ?? throw new InvalidOperationException("RegistryTools.RequireInstalled() was not called");

    public static void RequireInstalled() => s_paths = Prerequisite.RegistryTools();
}
