namespace Jobman.Kubernetes.Names;

/// <summary>
/// The name rules of apimachinery, checked by hand (a regex <c>$</c> also matches before a trailing newline):
/// client-go's path-segment rule as the floor for any name that becomes a URL segment, DNS-1123 labels for
/// namespaces and job names, DNS-1123 subdomains for other objects such as ConfigMaps.
/// </summary>
public static class KubernetesNameRules
{
    /// <summary>Longest DNS-1123 label.</summary>
    public const int LabelMaxLength = 63;

    /// <summary>Longest DNS-1123 subdomain.</summary>
    public const int SubdomainMaxLength = 253;

    /// <summary>Why <paramref name="name"/> cannot be a URL path segment (apimachinery <c>IsValidPathSegmentName</c>), or null.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The problem or null.</returns>
    public static string? PathSegmentProblem(string name) => name switch
    {
        "." => "it may not be '.'",
        ".." => "it may not be '..'",
        _ when name.Contains('/', StringComparison.Ordinal) => "it may not contain '/'",
        _ when name.Contains('%', StringComparison.Ordinal) => "it may not contain '%'",
        _ => null,
    };

    /// <summary>Why <paramref name="name"/> is not a DNS-1123 label of at most <paramref name="maxLength"/>, or null.</summary>
    /// <param name="name">The name.</param>
    /// <param name="maxLength">The length limit (63 for labels).</param>
    /// <returns>The problem or null.</returns>
    public static string? LabelProblem(string name, int maxLength = LabelMaxLength)
    {
        if (name.Length == 0)
        {
            return "it is empty";
        }

        if (name.Length > maxLength)
        {
            return $"it is {name.Length} characters long; the maximum is {maxLength}";
        }

        return IsLabel(name.AsSpan()) ? null : "use lowercase letters, digits and '-', starting and ending with a letter or digit";
    }

    /// <summary>Why <paramref name="name"/> is not a DNS-1123 subdomain (dot-separated labels, at most 253), or null.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The problem or null.</returns>
    public static string? SubdomainProblem(string name)
    {
        if (name.Length == 0)
        {
            return "it is empty";
        }

        if (name.Length > SubdomainMaxLength)
        {
            return $"it is {name.Length} characters long; the maximum is {SubdomainMaxLength}";
        }

        foreach (var part in name.Split('.'))
        {
            if (!IsLabel(part.AsSpan()))
            {
                return "use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";
            }
        }

        return null;
    }

    private static bool IsLabel(ReadOnlySpan<char> name)
    {
        if (name.Length == 0 || !IsAlphanumeric(name[0]) || !IsAlphanumeric(name[^1]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsAlphanumeric(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
