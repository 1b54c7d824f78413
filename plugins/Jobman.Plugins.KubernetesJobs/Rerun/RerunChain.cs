namespace Jobman.Plugins.KubernetesJobs.Rerun;

/// <summary>
/// Which jobs a rerun descends from, kept on the new job itself (so the chain survives its ancestors' deletion):
/// <c>jobman.io/rerun-of</c> names the job it re-runs, <c>jobman.io/rerun-chain</c> all ancestors, oldest first.
/// </summary>
internal static class RerunChain
{
    public const string RerunOfAnnotation = "jobman.io/rerun-of";

    public const string ChainAnnotation = "jobman.io/rerun-chain";

    /// <summary>Annotations stay small: the oldest ancestors beyond this many are dropped.</summary>
    private const int MaxLength = 20;

    /// <summary>The ancestors, oldest first; empty for a job that is no rerun.</summary>
    public static IReadOnlyList<string> Of(IReadOnlyDictionary<string, string> annotations)
    {
        if (!annotations.TryGetValue(RerunOfAnnotation, out var parent) || parent.Length == 0)
        {
            return [];
        }

        var chain = annotations.TryGetValue(ChainAnnotation, out var text) && text.Length > 0
            ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
            : [parent];
        if (chain[^1] != parent)
        {
            chain.Add(parent);
        }

        return chain;
    }

    /// <summary>Writes the chain of a rerun of <paramref name="parent"/> into the new job's annotations.</summary>
    public static void Record(IDictionary<string, string> annotations, string parent, IReadOnlyDictionary<string, string>? parentAnnotations)
    {
        var chain = (parentAnnotations is null ? [] : Of(parentAnnotations)).Append(parent).TakeLast(MaxLength);
        annotations[RerunOfAnnotation] = parent;
        annotations[ChainAnnotation] = string.Join(',', chain);
    }
}
