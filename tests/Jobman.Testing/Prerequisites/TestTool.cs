namespace Jobman.Testing.Prerequisites;

/// <summary>
/// Finds a program the tests drive: the path in its override variable when set (a path that does not exist means
/// "not installed", which is how a missing tool is simulated), else the first match on the PATH.
/// </summary>
public static class TestTool
{
    public static string? Find(string name, string overrideVariable) =>
        Environment.GetEnvironmentVariable(overrideVariable) is { Length: > 0 } overridden
            ? (File.Exists(overridden) ? Path.GetFullPath(overridden) : null)
            : FindOnPath(name);

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
