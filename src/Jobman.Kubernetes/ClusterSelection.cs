namespace Jobman.Kubernetes;

/// <summary>What the user asked for on the command line (all optional).</summary>
/// <param name="KubeconfigPath">Explicit kubeconfig file.</param>
/// <param name="Context">Context name.</param>
/// <param name="Namespace">Namespace.</param>
/// <param name="User">Kubeconfig user entry (kubectl's <c>--user</c>).</param>
/// <param name="Cluster">Kubeconfig cluster entry (kubectl's <c>--cluster</c>).</param>
/// <param name="RequestTimeout">Bound on each request until its answer starts; null for none.</param>
public sealed record ClusterSelection(string? KubeconfigPath, string? Context, string? Namespace, string? User = null, string? Cluster = null, TimeSpan? RequestTimeout = null)
{
    /// <summary>No explicit choice: everything from kubeconfig and settings.</summary>
    public static ClusterSelection Default { get; } = new(null, null, null);

    /// <summary>The selection a command's <see cref="Core.Commands.ClusterTarget"/> names.</summary>
    /// <param name="target">The target.</param>
    /// <returns>The selection.</returns>
    public static ClusterSelection From(Core.Commands.ClusterTarget target) =>
        new(target.KubeconfigPath, target.Context, target.Namespace is { } ns ? Names.NamespaceName.Parse(ns).Value : null);
}
