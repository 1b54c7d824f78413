using System.Text;
using System.Text.RegularExpressions;
using Jobman.Core;
using Jobman.Kubernetes;

namespace Jobman.Plugins.KubernetesJobs;

/// <summary>Kubernetes label key/value syntax, checked before anything is sent.</summary>
internal static partial class LabelRules
{
    /// <summary>Parses <c>KEY=VALUE</c> from <c>--label</c> and validates both parts (exit code 2 when wrong).</summary>
    public static KeyValuePair<string, string> Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw JobmanException.Usage($"--label '{text}' must look like KEY=VALUE");
        }

        var key = text[..equals];
        var value = text[(equals + 1)..];
        ValidateKey(key, "--label");
        if (!IsValidValue(value))
        {
            throw JobmanException.Usage($"--label value '{value}' is not valid: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
        }

        if (key is JobLabels.ManagedBy or JobLabels.Flavor || key.StartsWith("batch.kubernetes.io/", StringComparison.Ordinal))
        {
            throw JobmanException.Usage($"--label '{key}' is set by jobman or Kubernetes and cannot be chosen");
        }

        return new(key, value);
    }

    /// <summary>Validates a label or annotation key: optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static void ValidateKey(string key, string what)
    {
        var slash = key.LastIndexOf('/');
        var prefix = slash >= 0 ? key[..slash] : null;
        var name = slash >= 0 ? key[(slash + 1)..] : key;
        var prefixOk = prefix is null || (prefix.Length <= 253 && Dns1123Subdomain().IsMatch(prefix));
        if (!prefixOk || name.Length is 0 or > 63 || !QualifiedName().IsMatch(name))
        {
            throw JobmanException.Usage($"{what} key '{key}' is not valid: expected [PREFIX/]NAME with NAME of at most 63 letters, digits, '-', '_' or '.'");
        }
    }

    public static bool IsValidValue(string value) => value.Length <= 63 && (value.Length == 0 || QualifiedName().IsMatch(value));

    /// <summary>Turns any text (e.g. a flavor name) into a valid label value, keeping it readable.</summary>
    public static string ToLabelValue(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        }

        var value = builder.ToString();
        if (value.Length > 63)
        {
            value = value[..63];
        }

        return value.Trim('-', '_', '.');
    }

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?\\z")]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z")]
    private static partial Regex Dns1123Subdomain();
}
