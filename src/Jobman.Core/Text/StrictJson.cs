using System.Text;
using System.Text.Json;
using System.Text.Unicode;
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
        using var document = JsonDocument.Parse(text, allowCommentsAndTrailingCommas ? Lenient : Strict);
        return ToNode(document.RootElement);
    }

    /// <summary>Parses UTF-8 <paramref name="utf8"/> (a leading byte order mark is skipped).</summary>
    /// <param name="utf8">The JSON text as UTF-8.</param>
    /// <param name="allowCommentsAndTrailingCommas">True for files people edit by hand (settings).</param>
    /// <returns>The document's root.</returns>
    /// <exception cref="JsonException">Malformed JSON or a duplicate key.</exception>
    internal static JsonNode? Parse(ReadOnlyMemory<byte> utf8, bool allowCommentsAndTrailingCommas = false)
    {
        if (utf8.Span.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        if (!Utf8.IsValid(utf8.Span))
        {
            // JsonDocument checks the encoding of a string only when it is read, long after parsing.
            throw NotUtf8(utf8.Span);
        }

        using var document = JsonDocument.Parse(utf8, allowCommentsAndTrailingCommas ? Lenient : Strict);
        return ToNode(document.RootElement);
    }

    private static JsonException NotUtf8(ReadOnlySpan<byte> utf8)
    {
        var valid = 0;
        while (valid < utf8.Length && Rune.DecodeFromUtf8(utf8[valid..], out _, out var length) == System.Buffers.OperationStatus.Done)
        {
            valid += length;
        }

        var line = utf8[..valid].Count((byte)'\n');
        var column = valid - (utf8[..valid].LastIndexOf((byte)'\n') + 1);
        return new JsonException("the text is not UTF-8", path: null, lineNumber: line, bytePositionInLine: column);
    }

    /// <summary>
    /// The node over a copy of the parsed element: parsing through JsonDocument has applied the duplicate check to the
    /// whole tree, and the node reads the same element JsonNode.Parse would have built it from, without parsing twice.
    /// </summary>
    private static JsonNode? ToNode(JsonElement root)
    {
        var element = root.Clone();
        return element.ValueKind switch
        {
            JsonValueKind.Object => JsonObject.Create(element),
            JsonValueKind.Array => JsonArray.Create(element),
            JsonValueKind.Null => null,
            _ => JsonValue.Create(element),
        };
    }
}
