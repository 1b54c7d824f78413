using System.Globalization;
using System.Text.RegularExpressions;

namespace Jobman.Plugins.KubernetesJobs.Rerun;

/// <summary>Names of reruns: <c>train</c> is re-run as <c>train-r1</c>, <c>train-r1</c> as <c>train-r2</c>, within 63 characters.</summary>
internal static partial class RerunNames
{
    private const int MaxLength = 63;

    [GeneratedRegex("^(?<base>.+)-r(?<n>[0-9]{1,6})$", RegexOptions.CultureInvariant)]
    private static partial Regex RerunSuffix();

    /// <summary>Candidate names for a rerun of <paramref name="jobName"/>, in the order to try them.</summary>
    public static IEnumerable<string> Candidates(string jobName)
    {
        var match = RerunSuffix().Match(jobName);
        var stem = match.Success ? match.Groups["base"].Value : jobName;
        var next = match.Success ? int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) + 1 : 1;
        for (var n = next; ; n++)
        {
            var suffix = "-r" + n.ToString(CultureInfo.InvariantCulture);
            var head = stem.Length + suffix.Length > MaxLength ? stem[..(MaxLength - suffix.Length)].TrimEnd('-', '.') : stem;
            yield return head + suffix;
        }
    }
}
