using Jobman.Core;

namespace Jobman.Kubernetes.Names;

/// <summary>
/// The name of another namespaced object jobman reads or writes by name (the queue and flavor ConfigMaps, the
/// user ConfigMap): a DNS-1123 subdomain of at most 253 characters, never '.', '..', '/' or '%'.
/// </summary>
public readonly record struct ObjectName
{
    private ObjectName(string value) => Value = value;

    /// <summary>The validated name.</summary>
    public string Value { get; }

    /// <summary>Validates <paramref name="text"/>.</summary>
    /// <param name="text">The name.</param>
    /// <param name="what">What it names, e.g. "ConfigMap".</param>
    /// <param name="source">Where it came from (settings key), for the message.</param>
    /// <returns>The name.</returns>
    /// <exception cref="JobmanException">When it is not a valid object name (exit code 2).</exception>
    public static ObjectName Parse(string text, string what, string source)
    {
        var problem = KubernetesNameRules.PathSegmentProblem(text) ?? KubernetesNameRules.SubdomainProblem(text);
        return problem is null
            ? new ObjectName(text)
            : throw JobmanException.Usage($"{what} name '{text}' ({source}) is not valid: {problem}");
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
