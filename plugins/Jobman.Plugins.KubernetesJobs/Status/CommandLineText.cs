using System.Text.RegularExpressions;

namespace Jobman.Plugins.KubernetesJobs.Status;

/// <summary>
/// A container's command and args as one line a user can paste into a POSIX shell: words with spaces, quotes or other
/// shell characters are single-quoted (<c>sh -c 'exit 3'</c>, not <c>sh -c exit 3</c>, which reads as another command).
/// </summary>
internal static partial class CommandLineText
{
    public static string Join(IEnumerable<string> words) => string.Join(" ", words.Select(Quote));

    private static string Quote(string word) =>
        word.Length > 0 && PlainWord().IsMatch(word) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^[A-Za-z0-9_@%+=:,./-]+$")]
    private static partial Regex PlainWord();
}
