namespace Jobman.Testing.Prerequisites;

/// <summary>
/// The upstream contract files (real API samples, swagger, captures) that the doubles are checked against. They are
/// data kept outside the repository: <c>JOBMAN_CONTRACTS</c> names the folder, else <c>shared/contracts</c> beside
/// the repository (how CI lays it out). Reading a file when the folder is missing skips the test (fails under CI).
/// </summary>
public static class UpstreamContracts
{
    public const string Variable = "JOBMAN_CONTRACTS";

    /// <summary>A path under <c>contracts/kubernetes</c>, e.g. <c>samples/pod-imagepullbackoff.json</c>.</summary>
    public static string Kubernetes(string relativePath) => Path.Combine(Prerequisite.Contracts(), "kubernetes", relativePath);

    /// <summary>A path under <c>contracts/harbor</c>.</summary>
    public static string Harbor(string relativePath) => Path.Combine(Prerequisite.Contracts(), "harbor", relativePath);

    /// <summary>A path under <c>contracts/kueue</c>, e.g. <c>examples/jobs_sample-job.yaml</c>.</summary>
    public static string Kueue(string relativePath) => Path.Combine(Prerequisite.Contracts(), "kueue", relativePath);

    public static string KueueText(string relativePath) => File.ReadAllText(Kueue(relativePath));

    public static string KubernetesText(string relativePath) => File.ReadAllText(Kubernetes(relativePath));

    public static string HarborText(string relativePath) => File.ReadAllText(Harbor(relativePath));

    /// <summary>The contracts folder, or null when there is none.</summary>
    internal static string? Locate()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        return RepositoryRoot.Find() is { } root && root.Parent is { } parent && Directory.Exists(Path.Combine(parent.FullName, "shared", "contracts"))
            ? Path.Combine(parent.FullName, "shared", "contracts")
            : null;
    }
}
