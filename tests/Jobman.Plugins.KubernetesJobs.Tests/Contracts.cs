using k8s;

namespace Jobman.Plugins.KubernetesJobs.Tests;

/// <summary>Reads the shared contract samples (data, never copied into the repo).</summary>
internal static class Contracts
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "contracts");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("shared/contracts not found above " + AppContext.BaseDirectory);
    });

    public static T Sample<T>(string file) => KubernetesJson.Deserialize<T>(Text(Path.Combine("samples", file)));

    /// <summary>A file under <c>shared/contracts/kubernetes</c>, e.g. <c>samples/x.json</c>.</summary>
    public static string Text(string relativePath) => File.ReadAllText(Path.Combine(Root.Value, "kubernetes", relativePath));
}
