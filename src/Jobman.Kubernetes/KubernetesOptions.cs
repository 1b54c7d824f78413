using Jobman.Core.Commands;

namespace Jobman.Kubernetes;

/// <summary>The cluster-selection options every Kubernetes command accepts, named like kubectl's.</summary>
public static class KubernetesOptions
{
    /// <summary>Long name of the kubeconfig context option.</summary>
    public const string Context = ClusterTarget.ContextOption;

    /// <summary>Long name of the namespace option.</summary>
    public const string Namespace = ClusterTarget.NamespaceOption;

    /// <summary>Long name of the kubeconfig path option.</summary>
    public const string Kubeconfig = ClusterTarget.KubeconfigOption;

    /// <summary>The option specs to add to a command's <see cref="CommandSpec.Options"/> (defined in Core, shared with the host).</summary>
    public static IReadOnlyList<OptionSpec> All => ClusterTarget.Options;

    /// <summary>Reads the selection from a command invocation.</summary>
    /// <param name="invocation">The invocation.</param>
    /// <returns>The selection.</returns>
    public static ClusterSelection From(CommandInvocation invocation) =>
        new(invocation.Value(Kubeconfig), invocation.Value(Context), invocation.Value(Namespace));
}

/// <summary>What the user asked for on the command line (all optional).</summary>
/// <param name="KubeconfigPath">Explicit kubeconfig file.</param>
/// <param name="Context">Context name.</param>
/// <param name="Namespace">Namespace.</param>
public sealed record ClusterSelection(string? KubeconfigPath, string? Context, string? Namespace)
{
    /// <summary>No explicit choice: everything from kubeconfig and settings.</summary>
    public static ClusterSelection Default { get; } = new(null, null, null);

    /// <summary>The selection a command's <see cref="ClusterTarget"/> names.</summary>
    /// <param name="target">The target.</param>
    /// <returns>The selection.</returns>
    public static ClusterSelection From(ClusterTarget target) => new(target.KubeconfigPath, target.Context, target.Namespace);
}
