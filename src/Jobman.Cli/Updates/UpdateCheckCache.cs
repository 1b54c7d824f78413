using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jobman.Cli.Updates;

/// <summary>The last answer of the package source: <c>~/.jobman/cache/update-check.json</c>.</summary>
/// <param name="CheckedAt">When the source last answered.</param>
/// <param name="Source">The source that answered.</param>
/// <param name="Latest">The newest version it offered.</param>
/// <param name="AttemptedAt">When it was last asked (an answer may not have come before jobman exited).</param>
internal sealed record UpdateCheckCache(DateTimeOffset CheckedAt, string Source, string? Latest, DateTimeOffset? AttemptedAt = null)
{
    public static string FileIn(string homeDirectory) => Path.Combine(homeDirectory, ".jobman", "cache", "update-check.json");

    public static UpdateCheckCache? TryRead(string file)
    {
        try
        {
            if (!File.Exists(file))
            {
                return null;
            }

            var root = JsonNode.Parse(File.ReadAllText(file))?.AsObject();
            var checkedAt = DateTimeOffset.Parse((string?)root?["checkedAt"] ?? string.Empty, CultureInfo.InvariantCulture);
            var attempted = (string?)root?["attemptedAt"] is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
            return new(checkedAt, (string?)root?["source"] ?? string.Empty, (string?)root?["latest"], attempted);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    public void TryWrite(string file)
    {
        var temporary = $"{file}.{Environment.ProcessId}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(temporary, new JsonObject
            {
                ["checkedAt"] = CheckedAt.ToString("O", CultureInfo.InvariantCulture),
                ["source"] = Source,
                ["latest"] = Latest,
                ["attemptedAt"] = AttemptedAt?.ToString("O", CultureInfo.InvariantCulture),
            }.ToJsonString());
            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only means asking again next time.
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do.
            }
        }
    }
}
