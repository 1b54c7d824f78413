using System.Text.Json;

namespace Jobman.Kubernetes.Lists;

/// <summary>
/// Finds a list's continue token without decoding the list: the API server writes <c>metadata</c> before
/// <c>items</c>, so the token is in the first bytes; other orders cost one skip over the items.
/// </summary>
public static class ListContinueToken
{
    /// <summary>The top-level <c>metadata.continue</c> of a list, or null when there is none or the text is not a list.</summary>
    /// <param name="utf8">The list as the server sent it.</param>
    /// <returns>The token, or null.</returns>
    public static string? Peek(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMetadata = reader.ValueTextEquals("metadata"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isMetadata)
                {
                    return reader.TokenType == JsonTokenType.StartObject ? ContinueOf(ref reader) : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            // Not a list the pager can peek into: it decodes the page first, as without a peek.
            return null;
        }
    }

    private static string? ContinueOf(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isContinue = reader.ValueTextEquals("continue"u8);
            if (!reader.Read())
            {
                return null;
            }

            if (isContinue)
            {
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Skip();
        }

        return null;
    }
}
