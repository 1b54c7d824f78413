using System.Globalization;

namespace Jobman.Cli.Hosting;

/// <summary>
/// A settings file's size and content hash (64-bit FNV-1a), or size -1 when it does not exist. Equal stamps mean the
/// same bytes, so the same parse result and the same warnings.
/// </summary>
internal sealed record SettingsStamp(string Path, long Size, string Hash)
{
    public static SettingsStamp[] Take(string[] paths) => Array.ConvertAll(paths, Take);

    /// <returns>Null when a file cannot be read (the settings loader then reports it).</returns>
    public static SettingsStamp[]? TryTake(string[] paths)
    {
        try
        {
            return Take(paths);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static SettingsStamp Take(string path)
    {
        // File.Exists as in SettingsLoader: a missing file (or a folder) is skipped there, so it is "absent" here.
        if (!File.Exists(path))
        {
            return new SettingsStamp(path, -1, "");
        }

        var bytes = File.ReadAllBytes(path);
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return new SettingsStamp(path, bytes.Length, hash.ToString("x16", CultureInfo.InvariantCulture));
    }
}
