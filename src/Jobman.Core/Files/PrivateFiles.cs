namespace Jobman.Core.Files;

/// <summary>
/// Writes files that hold secrets (tokens, kubeconfigs, caches that may contain credentials): the file is 0600 and
/// every folder jobman creates for it 0700, whatever the umask, and the content is never readable by others, not
/// even for a moment (the file is created private and renamed into place).
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Creates <paramref name="folder"/> and its missing parents as 0700. An existing folder is left as it is unless
    /// <paramref name="tightenExisting"/> (for jobman's own folders, e.g. under <c>~/.jobman</c>): a folder the user
    /// named, such as <c>/tmp</c>, must never be changed.
    /// </summary>
    /// <param name="folder">The folder.</param>
    /// <param name="tightenExisting">Also set an existing <paramref name="folder"/> to 0700.</param>
    public static void CreateFolder(string folder, bool tightenExisting = false)
    {
        var full = Path.GetFullPath(folder);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
            return;
        }

        var missing = new Stack<string>();
        for (var current = full; !Directory.Exists(current); current = Path.GetDirectoryName(current)!)
        {
            missing.Push(current);
        }

        var existed = missing.Count == 0;
        while (missing.TryPop(out var next))
        {
            Directory.CreateDirectory(next, FolderMode);
            // The umask applies to mkdir's mode: set it again explicitly.
            File.SetUnixFileMode(next, FolderMode);
        }

        if (existed && tightenExisting && (File.GetUnixFileMode(full) & ~FolderMode) != 0)
        {
            File.SetUnixFileMode(full, FolderMode);
        }
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> as a 0600 file in a 0700 folder.</summary>
    /// <param name="path">The file.</param>
    /// <param name="content">The text (UTF-8, no BOM).</param>
    /// <exception cref="IOException">When the folder or file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">When the folder or file may not be written.</exception>
    public static void WriteAllText(string path, string content)
    {
        var full = Path.GetFullPath(path);
        CreateFolder(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
            {
                writer.Write(content);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, FileMode);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
