using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Jobman.Core;

namespace Jobman.Plugins.KubernetesJobs;

/// <summary>
/// Job name rules. Kubernetes validates job names as DNS-1123 subdomains, but the name becomes a label value and the
/// pod name prefix, so only DNS-1123 labels of at most 63 characters really work; checking here saves a round trip
/// and gives a clearer message than the 422.
/// </summary>
internal static partial class JobNames
{
    public const int MaxLength = 63;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Throws a usage error (exit code 2) when <paramref name="name"/> is not a valid job name.</summary>
    public static void Validate(string name)
    {
        if (name.Length == 0)
        {
            throw JobmanException.Usage("the job name (-j/--job-name) is empty");
        }

        if (name.Length > MaxLength)
        {
            throw JobmanException.Usage($"job name '{name}' is {name.Length} characters long; the maximum is {MaxLength}");
        }

        if (!Dns1123Label().IsMatch(name))
        {
            throw JobmanException.Usage($"job name '{name}' is not valid: use lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. 'train-model-2')");
        }
    }

    /// <summary>A fresh name <c>jobman-xxxxxxxx</c> (8 lowercase letters/digits).</summary>
    public static string Generate()
    {
        Span<char> suffix = stackalloc char[8];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return "jobman-" + new string(suffix);
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();
}
