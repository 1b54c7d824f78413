using Jobman.Testing.Prerequisites;
using k8s;

namespace Jobman.Plugins.KubernetesJobs.Tests;

/// <summary>Reads the shared contract samples (data, never copied into the repo; found by <see cref="UpstreamContracts"/>).</summary>
internal static class Contracts
{
    public static T Sample<T>(string file) => KubernetesJson.Deserialize<T>(Text(Path.Combine("samples", file)));

    /// <summary>A file under <c>contracts/kubernetes</c>, e.g. <c>samples/x.json</c>.</summary>
    public static string Text(string relativePath) => UpstreamContracts.KubernetesText(relativePath);
}
