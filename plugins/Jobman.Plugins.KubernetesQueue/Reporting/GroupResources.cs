using System.Globalization;

namespace Jobman.Plugins.KubernetesQueue.Reporting;

/// <summary>
/// The CPU / memory / GPU figure a queue row shows. GPU is the sum of the requests named in
/// <c>jobsQueue.gpuResources</c> (0 when none is configured, as in the original).
/// </summary>
/// <param name="Cpu">CPU request, or null.</param>
/// <param name="Memory">Memory request, or null.</param>
/// <param name="Gpu">Summed GPU requests.</param>
internal sealed record GroupResources(string? Cpu, string? Memory, decimal Gpu)
{
    public static GroupResources From(IReadOnlyDictionary<string, string> requests, IReadOnlyList<string> gpuResources) =>
        new(requests.GetValueOrDefault("cpu"), requests.GetValueOrDefault("memory"), gpuResources.Sum(k => ParseCount(requests.GetValueOrDefault(k))));

    /// <summary>The original's group key and display: <c>cpu/memory/gpu</c>, <c>-</c> for a missing value.</summary>
    public override string ToString() =>
        $"{Cpu ?? "-"}/{Memory ?? "-"}/{Gpu.ToString("0.###", CultureInfo.InvariantCulture)}";

    private static decimal ParseCount(string? quantity)
    {
        if (string.IsNullOrWhiteSpace(quantity))
        {
            return 0;
        }

        var milli = quantity.EndsWith('m');
        var number = milli ? quantity[..^1] : quantity;
        return decimal.TryParse(number, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? (milli ? value / 1000 : value)
            : 0;
    }
}
