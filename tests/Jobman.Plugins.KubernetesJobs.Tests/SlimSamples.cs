using System.Text;
using System.Text.Json;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;

namespace Jobman.Plugins.KubernetesJobs.Tests;

/// <summary>Contract samples read into jobman's read models, the way the plugin reads server responses.</summary>
internal static class SlimSamples
{
    public static List<SlimJob> Jobs(string sample) => SlimReader.JobList(Encoding.UTF8.GetBytes(AsList(sample)))!.Items!;

    public static List<SlimPod> Pods(string sample) => SlimReader.PodList(Encoding.UTF8.GetBytes(AsList(sample)))!.Items!;

    /// <summary>A list sample as is, a single object wrapped into a list.</summary>
    public static string AsList(string relativePath)
    {
        var text = Contracts.Text(relativePath.Contains('/', StringComparison.Ordinal) ? relativePath : Path.Combine("samples", relativePath));
        using var document = JsonDocument.Parse(text);
        return document.RootElement.TryGetProperty("items", out _) ? text : $"{{\"items\":[{text}]}}";
    }
}
