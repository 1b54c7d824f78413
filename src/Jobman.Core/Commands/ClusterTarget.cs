namespace Jobman.Core.Commands;

/// <summary>
/// The cluster a command invocation chose with <c>--kubeconfig</c>, <c>--context</c> and <c>-n/--namespace</c>
/// (all optional; null means "from kubeconfig and settings"). Given to sources that read the cluster on a command's
/// behalf, such as <see cref="Flavors.IResourceFlavorProvider"/>, so they read the cluster the user named.
/// </summary>
/// <param name="KubeconfigPath">Explicit kubeconfig file.</param>
/// <param name="Context">Kubeconfig context name.</param>
/// <param name="Namespace">Namespace.</param>
/// <remarks>Added in Jobman.Core 1.1.</remarks>
public sealed record ClusterTarget(string? KubeconfigPath, string? Context, string? Namespace)
{
    /// <summary>Long name of the kubeconfig context option.</summary>
    public const string ContextOption = "context";

    /// <summary>Long name of the namespace option.</summary>
    public const string NamespaceOption = "namespace";

    /// <summary>Long name of the kubeconfig path option.</summary>
    public const string KubeconfigOption = "kubeconfig";

    /// <summary>No explicit choice: everything from kubeconfig and settings.</summary>
    public static ClusterTarget Default { get; } = new(null, null, null);

    /// <summary>The cluster-selection options, named like kubectl's, to add to a command's <see cref="CommandSpec.Options"/>.</summary>
    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Value(ContextOption, "NAME", "Kubeconfig context to use (default: the current context)."),
        OptionSpec.Value(NamespaceOption, "NAMESPACE", "Namespace to use (default: the context's namespace, else 'default').", 'n'),
        OptionSpec.Value(KubeconfigOption, "FILE", "Kubeconfig file (default: KUBECONFIG, ~/.kube/config, in-cluster, or settings kubeConfig)."),
    ];

    /// <summary>Reads the choice from an invocation (options the command does not declare count as not given).</summary>
    /// <param name="invocation">The invocation.</param>
    /// <returns>The target.</returns>
    public static ClusterTarget From(CommandInvocation invocation) =>
        new(invocation.Value(KubeconfigOption), invocation.Value(ContextOption), invocation.Value(NamespaceOption));
}
