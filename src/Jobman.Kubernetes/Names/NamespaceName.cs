using Jobman.Core;

namespace Jobman.Kubernetes.Names;

/// <summary>A namespace name: a DNS-1123 label of at most 63 characters, never '.', '..', '/' or '%'.</summary>
public readonly record struct NamespaceName
{
    private NamespaceName(string value) => Value = value;

    /// <summary>The validated name.</summary>
    public string Value { get; }

    /// <summary>Validates <paramref name="text"/>.</summary>
    /// <param name="text">The namespace.</param>
    /// <param name="source">Where it came from (option, kubeconfig context, settings key), for the message.</param>
    /// <returns>The name.</returns>
    /// <exception cref="JobmanException">When it is not a valid namespace name (exit code 2).</exception>
    public static NamespaceName Parse(string text, string source = "-n/--namespace")
    {
        var problem = KubernetesNameRules.PathSegmentProblem(text) ?? KubernetesNameRules.LabelProblem(text);
        return problem is null
            ? new NamespaceName(text)
            : throw JobmanException.Usage($"namespace '{text}' ({source}) is not valid: {problem}");
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
