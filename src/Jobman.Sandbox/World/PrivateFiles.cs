using System.Text;

namespace Jobman.Sandbox.World;

/// <summary>
/// Files that hold secrets (kubeconfig tokens, registry credentials): created 0600 inside a 0700 folder, never
/// readable by others even for an instant. (To be unified with the host's private-file writer.)
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="folder"/> (0700) or tightens it to 0700 when it exists.</summary>
    public static void EnsureFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(folder));
        if (parent is not null && !Directory.Exists(parent))
        {
            Directory.CreateDirectory(parent, FolderMode);
        }

        Directory.CreateDirectory(folder, FolderMode);
        File.SetUnixFileMode(folder, FolderMode);
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> with mode 0600 (replacing the file).</summary>
    public static void Write(string path, string text)
    {
        EnsureFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (File.Exists(path))
        {
            // The create mode only applies to new files: never write secrets into a file others may already read.
            File.Delete(path);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFileMode;
        }

        using var stream = new FileStream(path, options);
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
