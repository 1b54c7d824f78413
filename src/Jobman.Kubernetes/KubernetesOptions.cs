using Jobman.Core.Commands;

namespace Jobman.Kubernetes;

/// <summary>The cluster-selection options every Kubernetes command accepts, named like kubectl's.</summary>
public static class KubernetesOptions
{
    /// <summary>Long name of the kubeconfig context option.</summary>
    public const string Context = "context";

    /// <summary>Long name of the namespace option.</summary>
    public const string Namespace = "namespace";

    /// <summary>Long name of the kubeconfig path option.</summary>
    public const string Kubeconfig = "kubeconfig";

    /// <summary>The option specs to add to a command's <see cref="CommandSpec.Options"/>.</summary>
    public static IReadOnlyList<OptionSpec> All { get; } =
    [
        OptionSpec.Value(Context, "NAME", "Kubeconfig context to use (default: the current context)."),
        OptionSpec.Value(Namespace, "NAMESPACE", "Namespace to use (default: the context's namespace, else 'default').", 'n'),
        OptionSpec.Value(Kubeconfig, "FILE", "Kubeconfig file (default: KUBECONFIG, ~/.kube/config, in-cluster, or settings kubeConfig)."),
    ];

    /// <summary>Reads the selection from a command invocation; the namespace is validated here, before any request.</summary>
    /// <param name="invocation">The invocation.</param>
    /// <returns>The selection.</returns>
    /// <exception cref="Jobman.Core.JobmanException">When <c>-n</c> is not a valid namespace name (exit code 2).</exception>
    public static ClusterSelection From(CommandInvocation invocation) =>
        new(invocation.Value(Kubeconfig), invocation.Value(Context), invocation.Value(Namespace) is { } ns ? Names.NamespaceName.Parse(ns).Value : null);
}

/// <summary>What the user asked for on the command line (all optional).</summary>
/// <param name="KubeconfigPath">Explicit kubeconfig file.</param>
/// <param name="Context">Context name.</param>
/// <param name="Namespace">Namespace.</param>
public sealed record ClusterSelection(string? KubeconfigPath, string? Context, string? Namespace)
{
    /// <summary>No explicit choice: everything from kubeconfig and settings.</summary>
    public static ClusterSelection Default { get; } = new(null, null, null);
}
