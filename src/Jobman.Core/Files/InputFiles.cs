namespace Jobman.Core.Files;

/// <summary>
/// Reads a file the user named (settings, kubeconfig, flavor file, credentials) only when it is a regular file of a
/// sane size, so <c>-s /dev/zero</c> or a FIFO fails at once with a usage error instead of filling the memory or hanging.
/// </summary>
public static class InputFiles
{
    /// <summary>The largest input file jobman reads: 4 MiB (kubeconfigs and settings are a few KB).</summary>
    public const long MaxBytes = 4 * 1024 * 1024;

    /// <summary>Reads the whole file as UTF-8 text.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What the file is, for the message, e.g. "settings file".</param>
    /// <returns>The text.</returns>
    /// <exception cref="JobmanException">When the file is missing, not a regular file, too big or unreadable (exit code 2).</exception>
    public static string ReadText(string path, string what) =>
        new System.Text.UTF8Encoding(false).GetString(ReadBytes(path, what)).TrimStart('\uFEFF');

    /// <summary>Reads the whole file as bytes, for readers of UTF-8 that need no text (JSON).</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What the file is, for the message, e.g. "settings file".</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="JobmanException">When the file is missing, not a regular file, too big or unreadable (exit code 2).</exception>
    internal static byte[] ReadBytes(string path, string what)
    {
        if (Check(path, what) == 0)
        {
            // Never opened: a pipe would block the open until something writes to it.
            return [];
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.None);
            // Bounded read: the file may grow between the check and the read.
            using var content = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                content.Write(chunk, 0, read);
                if (content.Length > MaxBytes)
                {
                    throw TooBig(path, what);
                }
            }

            return content.ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw JobmanException.Usage($"cannot read {what} '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Checks that the file can be read by <see cref="ReadText"/> without reading it.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What the file is, for the message.</param>
    /// <returns>The file's length.</returns>
    /// <exception cref="JobmanException">When it is missing, not a regular file or too big (exit code 2).</exception>
    public static long Check(string path, string what)
    {
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                // Follow symbolic links (kubeconfigs are often links) and judge the file they point to.
                info = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw JobmanException.Usage($"cannot read {what} '{path}': {ex.Message}", ex);
        }

        if (Directory.Exists(info.FullName))
        {
            throw JobmanException.Usage($"{what} '{path}' is a directory, not a file");
        }

        if (!info.Exists)
        {
            throw JobmanException.Usage($"{what} '{path}' does not exist");
        }

        if (info.Length == 0 && IsSpecial(info.FullName))
        {
            throw JobmanException.Usage($"{what} '{path}' is not a regular file (a device, pipe or process file)");
        }

        if (info.Length > MaxBytes)
        {
            throw TooBig(path, what);
        }

        return info.Length;
    }

    /// <summary>
    /// .NET does not expose a file's type, and devices, pipes and /proc files all report length 0: those under the
    /// system's device and process trees are refused; any other empty "file" is read as empty without blocking.
    /// </summary>
    private static bool IsSpecial(string fullPath) =>
        !OperatingSystem.IsWindows() && (fullPath.StartsWith("/dev/", StringComparison.Ordinal)
            || fullPath.StartsWith("/proc/", StringComparison.Ordinal) || fullPath.StartsWith("/sys/", StringComparison.Ordinal));

    private static JobmanException TooBig(string path, string what) =>
        JobmanException.Usage($"{what} '{path}' is larger than {MaxBytes / (1024 * 1024)} MiB; jobman refuses input files that big");
}
