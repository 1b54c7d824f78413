namespace Jobman.Core.Flavors;

/// <summary>A named set of Kubernetes requests and limits.</summary>
/// <param name="Name">The name users pass to <c>submit -r</c> (may be empty for inline flavors).</param>
/// <param name="Description">Optional human description.</param>
/// <param name="Requests">Resource requests as Kubernetes quantity strings.</param>
/// <param name="Limits">Resource limits as Kubernetes quantity strings.</param>
/// <param name="Source">Where it came from (e.g. <c>settings</c>, <c>cluster</c>, <c>inline</c>).</param>
public sealed record ResourceFlavor(
    string Name,
    string? Description,
    IReadOnlyDictionary<string, string> Requests,
    IReadOnlyDictionary<string, string> Limits,
    string Source)
{
    /// <summary>Informational maximum run time in hours (2.x <c>maxRunTime</c>).</summary>
    public double? MaxRunTimeHours { get; init; }

    /// <summary>True when both flavors ask for the same requests and limits.</summary>
    /// <param name="other">The other flavor.</param>
    /// <returns>Whether the resources are equal.</returns>
    public bool HasSameResources(ResourceFlavor other) =>
        SameMap(Requests, other.Requests) && SameMap(Limits, other.Limits);

    private static bool SameMap(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && string.Equals(v, kv.Value, StringComparison.Ordinal));
}
