using System.Text.Json;

namespace Jobman.Cli.Updates;

/// <summary>
/// The package source jobman was installed from: <c>dotnet tool install</c> keeps the package's
/// <c>.nupkg.metadata</c> (with its <c>source</c>) in the tool store, a few folders above the running tool.
/// </summary>
internal static class InstalledFeed
{
    private const int LevelsUp = 6;

    /// <returns>The source (a v3 service index URL or a folder), or null when jobman does not run from a tool store.</returns>
    public static string? Find(string toolDirectory)
    {
        try
        {
            for (var dir = new DirectoryInfo(toolDirectory); dir is not null && dir.FullName.Length > 1; dir = dir.Parent)
            {
                var metadata = Path.Combine(dir.FullName, ".nupkg.metadata");
                if (File.Exists(metadata))
                {
                    using var document = JsonDocument.Parse(File.ReadAllText(metadata));
                    return document.RootElement.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String ? source.GetString() : null;
                }

                if (Path.GetRelativePath(dir.FullName, toolDirectory).Split(Path.DirectorySeparatorChar).Length >= LevelsUp)
                {
                    return null;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            // No usable metadata: no known source, no check.
        }

        return null;
    }
}
