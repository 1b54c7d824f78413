using Jobman.Testing.Prerequisites;
using NUnit.Framework;

namespace Jobman.Testing.Golden;

/// <summary>
/// User-visible text (help, tables) compared with a file checked into the repository, so a change of wording or
/// layout shows up in review as a diff of that file. <c>JOBMAN_UPDATE_GOLDEN=1</c> rewrites the files instead of
/// comparing (then review and commit them); a missing file is written and fails the test, so it is never silently new.
/// </summary>
public static class GoldenFile
{
    /// <summary>The variable that rewrites golden files.</summary>
    public const string UpdateVariable = "JOBMAN_UPDATE_GOLDEN";

    /// <summary>Compares <paramref name="actual"/> with <c>tests/&lt;project&gt;/golden/&lt;name&gt;</c>.</summary>
    /// <param name="project">The test project folder under <c>tests/</c>.</param>
    /// <param name="name">The file name, e.g. <c>help/submit.txt</c>.</param>
    /// <param name="actual">The text produced now.</param>
    public static void Check(string project, string name, string actual)
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("Jobman.sln not found above the test binaries");
        var path = Path.Combine(root.FullName, "tests", project, "golden", name);
        var normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1" || !File.Exists(path))
        {
            var existed = File.Exists(path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, normalized);
            if (!existed)
            {
                Assert.Fail($"golden file {name} did not exist and was written; review and commit it ({path})");
            }

            return;
        }

        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected != normalized)
        {
            Assert.Fail($"{name} differs from its golden file {path} (set {UpdateVariable}=1 to rewrite it after review):\n{FirstDifference(expected, normalized)}");
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end>";
            var a = i < actualLines.Length ? actualLines[i] : "<end>";
            if (e != a)
            {
                return $"line {i + 1}:\n  golden: {e}\n  actual: {a}";
            }
        }

        return "(same lines, different line endings)";
    }
}
