namespace Jobman.Plugins.KubernetesQueue.Reporting;

/// <summary>One line of <c>jobman queue</c>: a flavor, or a resources combination for jobs without one.</summary>
internal sealed class QueueGroupRow
{
    public QueueGroupRow(string key, string? flavor)
    {
        Key = key;
        Flavor = flavor;
    }

    /// <summary>The flavor name, or <c>cpu/memory/gpu</c> for jobs without a flavor.</summary>
    public string Key { get; }

    public string? Flavor { get; }

    /// <summary>Job counts per resources combination seen under this key (more than one: a flavor conflict).</summary>
    public Dictionary<string, long> ResourceVariants { get; } = new(StringComparer.Ordinal);

    /// <summary>The most common resources combination of the group.</summary>
    public string Resources => ResourceVariants.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;

    public bool HasConflict => ResourceVariants.Count > 1;

    public long Pending { get; set; }

    public long Running { get; set; }

    public long Total { get; set; }

    /// <summary>Jobs of the reader's namespace; null when the document merged namespaces.</summary>
    public long? Mine { get; set; }

    /// <summary>Places in line of the reader's pending jobs, ascending; null when the document has no creation times.</summary>
    public List<long>? MyPositions { get; set; } = [];
}
