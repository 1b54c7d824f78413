using System.Diagnostics;

namespace Jobman.Testing.Prerequisites;

/// <summary>Every prerequisite the tests know, with the one-line hint each skip reason gives.</summary>
internal static class PrerequisiteCatalog
{
    private const string CiGetsIt = ".ci/run installs it";

    public static PrerequisiteCheck Contracts { get; } = new(
        "the upstream contract files (shared/contracts)",
        "set JOBMAN_CONTRACTS to the contracts folder, or put the project's shared/ folder beside the repository (as CI has it)",
        UpstreamContracts.Locate);

    public static PrerequisiteCheck Kubectl { get; } = new(
        "kubectl",
        "install kubectl 1.3x on the PATH (or set JOBMAN_TEST_KUBECTL to its path)",
        () => TestTool.Find("kubectl", "JOBMAN_TEST_KUBECTL"));

    public static PrerequisiteCheck DockerRegistry { get; } = new(
        "docker-registry",
        $"sudo apt-get install docker-registry skopeo, or bash .ci/install-registry-tools.sh ({CiGetsIt}; JOBMAN_TEST_DOCKER_REGISTRY overrides the path)",
        () => TestTool.Find("docker-registry", "JOBMAN_TEST_DOCKER_REGISTRY"));

    public static PrerequisiteCheck Skopeo { get; } = new(
        "skopeo",
        $"sudo apt-get install docker-registry skopeo, or bash .ci/install-registry-tools.sh ({CiGetsIt}; JOBMAN_TEST_SKOPEO overrides the path)",
        () => TestTool.Find("skopeo", "JOBMAN_TEST_SKOPEO"));

    public static PrerequisiteCheck RegistryTools { get; } = new(
        "docker-registry and skopeo",
        $"sudo apt-get install docker-registry skopeo, or bash .ci/install-registry-tools.sh ({CiGetsIt})",
        () => DockerRegistry.Locate() is not null && Skopeo.Locate() is not null ? DockerRegistry.Locate() : null);

    public static PrerequisiteCheck Zsh { get; } = new(
        "zsh",
        $"sudo apt-get install zsh, or bash .ci/install-registry-tools.sh ({CiGetsIt}; JOBMAN_TEST_ZSH overrides the path)",
        () => TestTool.Find("zsh", "JOBMAN_TEST_ZSH"));

    public static PrerequisiteCheck Fish { get; } = new(
        "fish",
        $"sudo apt-get install fish, or bash .ci/install-registry-tools.sh ({CiGetsIt}; JOBMAN_TEST_FISH overrides the path)",
        () => TestTool.Find("fish", "JOBMAN_TEST_FISH"));

    public static PrerequisiteCheck PythonKubernetes { get; } = new(
        "python3 with the kubernetes client",
        $"sudo apt-get install python3-kubernetes ({CiGetsIt}; JOBMAN_TEST_PYTHON names the interpreter)",
        FindPythonWithKubernetes);

    /// <summary>
    /// The host's build output with a bundled plugin in its <c>plugins</c> folder, beside the calling test project's
    /// output (<c>tests/X/bin/CONFIG/net10.0</c> gives <c>src/Jobman.Cli/bin/CONFIG/net10.0</c>).
    /// </summary>
    public static PrerequisiteCheck HostOutput(string plugin) => new(
        $"the host's build output with plugin {plugin}",
        "build the solution first (dotnet build Jobman.sln; dotnet test Jobman.sln does), so src/Jobman.Cli's output holds the bundled plugins",
        () =>
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = testOutput.Parent?.Name;
            var root = testOutput.Parent?.Parent?.Parent?.Parent?.Parent?.FullName;
            if (configuration is null || root is null)
            {
                return null;
            }

            var host = Path.Combine(root, "src", "Jobman.Cli", "bin", configuration, testOutput.Name);
            return File.Exists(Path.Combine(host, "plugins", plugin, plugin + ".dll")) ? host : null;
        });

    /// <summary>
    /// Debian's python3-kubernetes is importable by /usr/bin/python3 only, which a pyenv or venv python3 earlier on
    /// the PATH hides: each candidate is asked to import the module.
    /// </summary>
    private static string? FindPythonWithKubernetes()
    {
        var candidates = Environment.GetEnvironmentVariable("JOBMAN_TEST_PYTHON") is { Length: > 0 } overridden
            ? [overridden]
            : new[] { TestTool.FindOnPath("python3"), "/usr/bin/python3" }.OfType<string>().Distinct();
        return candidates.FirstOrDefault(python => File.Exists(python) && Imports(python, "kubernetes"));
    }

    private static bool Imports(string python, string module)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import " + module);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            return false;
        }

        return process.ExitCode == 0;
    }
}
