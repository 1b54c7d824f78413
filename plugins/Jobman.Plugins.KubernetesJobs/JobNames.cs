using System.Security.Cryptography;

namespace Jobman.Plugins.KubernetesJobs;

/// <summary>
/// Fresh job names. Names the user types are validated by <see cref="Jobman.Kubernetes.Names.JobName"/>, the one
/// check every command shares.
/// </summary>
internal static class JobNames
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

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
}
