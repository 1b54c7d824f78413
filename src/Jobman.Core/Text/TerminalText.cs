using System.Globalization;
using System.Text;

namespace Jobman.Core.Text;

/// <summary>
/// Makes text from outside (cluster objects, registries, server messages, names the user typed) safe to print on a
/// terminal: control characters are shown escaped (<c>\n</c>, <c>\x1b</c>, <c>\u202e</c>) so they can neither move
/// the cursor, recolour the screen nor fake extra lines. The host applies it to every line printed as text;
/// <c>-o json|yaml</c> stay exact.
/// </summary>
public static class TerminalText
{
    /// <summary>The text with every control and bidi-override character escaped.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The escaped text (the same instance when nothing needed escaping).</returns>
    public static string Escape(string text) => Escape(text, keepNewlines: false);

    /// <summary>Like <see cref="Escape(string)"/> but keeps line feeds, for multi-line text rendered line by line.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The escaped text.</returns>
    public static string EscapeKeepingNewlines(string text) => Escape(text, keepNewlines: true);

    /// <summary>One line: surrounding blanks trimmed, line breaks inside shown as <c>\n</c> like every control character.</summary>
    /// <param name="text">The text, e.g. a server's error message.</param>
    /// <returns>The single line.</returns>
    public static string OneLine(string text) => Escape(text.Trim(), keepNewlines: false);

    /// <summary>True for characters that must never reach a terminal raw.</summary>
    /// <param name="c">The character.</param>
    /// <returns>Whether it is escaped.</returns>
    public static bool NeedsEscape(char c) =>
        c < 0x20 || c is >= '\u007f' and <= '\u009f'
        || c is '\u2028' or '\u2029' or (>= '\u200e' and <= '\u200f') or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');

    private static string Escape(string text, bool keepNewlines)
    {
        var first = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (NeedsEscape(text[i]) && !(keepNewlines && text[i] == '\n'))
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!NeedsEscape(c) || (keepNewlines && c == '\n'))
            {
                builder.Append(c);
                continue;
            }

            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c <= '\u00ff' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }

        return builder.ToString();
    }
}
