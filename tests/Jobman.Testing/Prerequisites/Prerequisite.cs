namespace Jobman.Testing.Prerequisites;

/// <summary>
/// What tests need from outside the repository. Each method returns where the prerequisite is; when it is missing
/// the calling test (or the whole fixture, from a <c>[OneTimeSetUp]</c>) is skipped with one line saying how to get
/// it, and fails instead when <c>CI=true</c>, so CI can never pass by skipping. The <c>Requires...</c> attributes
/// do the same declaratively. Tool locations can be overridden (see <see cref="TestTool"/>).
/// </summary>
public static class Prerequisite
{
    /// <summary>The upstream contracts folder (<c>JOBMAN_CONTRACTS</c>, else <c>../shared/contracts</c> beside the repository).</summary>
    public static string Contracts() => Require(PrerequisiteCatalog.Contracts);

    /// <summary>The <c>kubectl</c> binary (any 1.3x).</summary>
    public static string Kubectl() => Require(PrerequisiteCatalog.Kubectl);

    /// <summary>Debian's <c>docker-registry</c> (the CNCF distribution registry) and <c>skopeo</c>.</summary>
    public static RegistryToolPaths RegistryTools() =>
        new(Require(PrerequisiteCatalog.DockerRegistry), Require(PrerequisiteCatalog.Skopeo));

    /// <summary>A Python 3 interpreter that can <c>import kubernetes</c> (Debian's <c>python3-kubernetes</c>).</summary>
    public static string PythonKubernetes() => Require(PrerequisiteCatalog.PythonKubernetes);

    /// <summary>The <c>zsh</c> shell (Debian's package), to run jobman's zsh completion script.</summary>
    public static string Zsh() => Require(PrerequisiteCatalog.Zsh);

    /// <summary>The <c>fish</c> shell (Debian's package), to run jobman's fish completion script.</summary>
    public static string Fish() => Require(PrerequisiteCatalog.Fish);

    /// <summary>The host's build output holding the bundled plugin <paramref name="plugin"/> (tests that run the real host).</summary>
    public static string HostOutput(string plugin) => Require(PrerequisiteCatalog.HostOutput(plugin));

    /// <summary>
    /// PowerShell (<c>pwsh</c>), or null: Debian does not package it, so CI cannot install it with apt-get and a test
    /// that needs it is skipped with a reason even under <c>CI=true</c> (JOBMAN_TEST_PWSH overrides the path).
    /// </summary>
    public static string? PowerShellIfInstalled() => TestTool.Find("pwsh", "JOBMAN_TEST_PWSH");

    /// <summary>True when the run is CI's (<c>CI=true</c>, as <c>.ci/run</c> runs): a missing prerequisite then fails.</summary>
    public static bool IsCi { get; } = IsTrue(Environment.GetEnvironmentVariable("CI"));

    internal static string Require(PrerequisiteCheck check) => check.Require(IsCi);

    private static bool IsTrue(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1" || value.Equals("yes", StringComparison.OrdinalIgnoreCase));
}
