using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jobman.Core.Text;

/// <summary>
/// Parses JSON a user wrote (settings, <c>-a</c>, <c>-r</c>) refusing duplicate keys, which System.Text.Json would
/// otherwise accept at parse time and only report later as an <see cref="ArgumentException"/> from deep inside.
/// </summary>
public static class StrictJson
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    private static readonly JsonDocumentOptions Lenient = new()
    {
        AllowDuplicateProperties = false,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <param name="text">The JSON text.</param>
    /// <param name="allowCommentsAndTrailingCommas">True for files people edit by hand (settings).</param>
    /// <returns>The document's root.</returns>
    /// <exception cref="JsonException">Malformed JSON or a duplicate key.</exception>
    public static JsonNode? Parse(string text, bool allowCommentsAndTrailingCommas = false)
    {
        // Parsing through JsonDocument applies the duplicate check to the whole tree at once; the node is built from it.
        using var document = JsonDocument.Parse(text, allowCommentsAndTrailingCommas ? Lenient : Strict);
        return JsonNode.Parse(document.RootElement.GetRawText(), documentOptions: allowCommentsAndTrailingCommas ? Lenient : Strict);
    }
}
