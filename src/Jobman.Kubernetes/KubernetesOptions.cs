using Jobman.Core.Commands;

namespace Jobman.Kubernetes;

/// <summary>The cluster-selection options every Kubernetes command accepts, named like kubectl's.</summary>
public static class KubernetesOptions
{
    /// <summary>Long name of the kubeconfig context option.</summary>
    public const string Context = Core.Commands.ClusterTarget.ContextOption;

    /// <summary>Long name of the namespace option.</summary>
    public const string Namespace = Core.Commands.ClusterTarget.NamespaceOption;

    /// <summary>Long name of the kubeconfig path option.</summary>
    public const string Kubeconfig = Core.Commands.ClusterTarget.KubeconfigOption;

    /// <summary>Long name of the kubeconfig user option.</summary>
    public const string User = "user";

    /// <summary>Long name of the kubeconfig cluster option.</summary>
    public const string Cluster = "cluster";

    /// <summary>Long name of the request timeout option.</summary>
    public const string RequestTimeout = "request-timeout";

    /// <summary>The option specs to add to a command's <see cref="CommandSpec.Options"/>.</summary>
    public static IReadOnlyList<OptionSpec> All { get; } =
    [
        OptionSpec.Value(Context, "NAME", "Kubeconfig context to use (default: the current context)."),
        OptionSpec.Value(Namespace, "NAMESPACE", "Namespace to use (default: the context's namespace, else 'default').", 'n'),
        OptionSpec.Value(Kubeconfig, "FILE", "Kubeconfig file (default: KUBECONFIG, ~/.kube/config, in-cluster, or settings kubeConfig)."),
        OptionSpec.Value(User, "NAME", "Kubeconfig user to use (default: the context's user)."),
        OptionSpec.Value(Cluster, "NAME", "Kubeconfig cluster to use (default: the context's cluster)."),
        OptionSpec.Value(RequestTimeout, "DURATION", "How long to wait for each answer of the API server, e.g. 30s, 1m; 0 waits forever (the default, like kubectl)."),
    ];

    /// <summary>Reads the selection from a command invocation; the namespace is validated here, before any request.</summary>
    /// <param name="invocation">The invocation.</param>
    /// <returns>The selection.</returns>
    /// <exception cref="Jobman.Core.JobmanException">A malformed <c>--request-timeout</c> or an invalid <c>-n</c> namespace name (exit code 2).</exception>
    public static ClusterSelection From(CommandInvocation invocation) =>
        new(invocation.Value(Kubeconfig), invocation.Value(Context), invocation.Value(Namespace) is { } ns ? Names.NamespaceName.Parse(ns).Value : null, invocation.Value(User), invocation.Value(Cluster), ParseTimeout(invocation.Value(RequestTimeout)));

    /// <summary>Parses a <c>--request-timeout</c> value.</summary>
    /// <param name="text">The value, or null.</param>
    /// <returns>The timeout, or null for none.</returns>
    /// <exception cref="Jobman.Core.JobmanException">Malformed (exit code 2).</exception>
    public static TimeSpan? ParseTimeout(string? text) =>
        text is null ? null
        : Jobman.Http.RequestTimeout.TryParse(text, out var timeout) ? timeout
        : throw Jobman.Core.JobmanException.Usage($"invalid --request-timeout '{text}': use 0 (no timeout), seconds (30) or a duration with a unit (30s, 1m, 500ms)");
}
