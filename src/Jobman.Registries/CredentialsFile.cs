using System.Text.Json;
using Jobman.Core;
using Jobman.Core.Hosting;

namespace Jobman.Registries;

/// <summary>
/// Reads a registry credentials file <c>{"username": "...", "password": "..."}</c>. Warns when group or others may
/// read it (it holds a secret), and never lets the file's content into an error message.
/// </summary>
public static class CredentialsFile
{
    /// <summary>Reads the file.</summary>
    /// <param name="path">Full path.</param>
    /// <param name="setting">The settings key naming it (e.g. <c>harbor.credentialsFile</c>), for messages.</param>
    /// <param name="environment">For the permission warning.</param>
    /// <returns>The user name and password; either may be null when absent or empty.</returns>
    /// <exception cref="JobmanException">Missing, unreadable or not a JSON object (exit code 2).</exception>
    public static (string? Username, string? Password) Read(string path, string setting, JobmanEnvironment environment)
    {
        if (!File.Exists(path))
        {
            throw JobmanException.Usage($"credentials file '{path}' ({setting}) does not exist");
        }

        WarnWhenReadableByOthers(path, environment);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (Property(document.RootElement, "username"), Property(document.RootElement, "password"))
                : throw new JsonException();
        }
        catch (JsonException)
        {
            // The parser's message may quote the file's content, i.e. the secret: say only what was expected.
            throw JobmanException.Usage($"credentials file '{path}' ({setting}) must be a JSON object {{\"username\": \"...\", \"password\": \"...\"}}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw JobmanException.Usage($"cannot read credentials file '{path}' ({setting}): {ex.Message}");
        }
    }

    private static void WarnWhenReadableByOthers(string path, JobmanEnvironment environment)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        const UnixFileMode groupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if ((mode & groupOrOther) != 0)
        {
            var octal = Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
            environment.Warn($"credentials file '{path}' is accessible by group or others (mode {octal}); run: chmod 600 '{path}'");
        }
    }

    private static string? Property(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(value.GetString()) ? value.GetString() : null;
}
