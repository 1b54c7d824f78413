namespace Jobman.Kubernetes.Kubeconfig;

/// <summary>One kubeconfig file, or several merged as kubectl merges them (the first file to define a name wins).</summary>
/// <param name="CurrentContext">The <c>current-context</c>.</param>
/// <param name="Clusters">Cluster entries by name.</param>
/// <param name="Users">User entries by name.</param>
/// <param name="Contexts">Context entries by name.</param>
/// <param name="Origin">The files it came from, for messages.</param>
public sealed record KubeconfigSet(
    string? CurrentContext,
    IReadOnlyDictionary<string, KubeCluster> Clusters,
    IReadOnlyDictionary<string, KubeUser> Users,
    IReadOnlyDictionary<string, KubeContext> Contexts,
    string Origin)
{
    /// <summary>Merges files like kubectl: the first file to set <c>current-context</c> or define a name wins.</summary>
    /// <param name="files">The files in KUBECONFIG order.</param>
    /// <returns>The merged set.</returns>
    public static KubeconfigSet Merge(IReadOnlyList<KubeconfigSet> files)
    {
        if (files.Count == 1)
        {
            return files[0];
        }

        static Dictionary<string, T> FirstWins<T>(IEnumerable<IReadOnlyDictionary<string, T>> maps)
        {
            var merged = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var map in maps)
            {
                foreach (var (name, value) in map)
                {
                    merged.TryAdd(name, value);
                }
            }

            return merged;
        }

        return new KubeconfigSet(
            files.Select(f => f.CurrentContext).FirstOrDefault(c => !string.IsNullOrEmpty(c)),
            FirstWins(files.Select(f => f.Clusters)),
            FirstWins(files.Select(f => f.Users)),
            FirstWins(files.Select(f => f.Contexts)),
            string.Join(Path.PathSeparator, files.Select(f => f.Origin)));
    }
}
