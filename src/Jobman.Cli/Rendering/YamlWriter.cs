using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Jobman.Cli.Rendering;

/// <summary>
/// Writes a JSON document as YAML with YamlDotNet's emitter, quoting every string that a YAML 1.1 loader (PyYAML,
/// go-yaml v2, kubectl's sigs.k8s.io/yaml) or a YAML 1.2 loader could read as something else.
/// </summary>
internal static class YamlWriter
{
    public static void Write(JsonNode? node, TextWriter writer)
    {
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        EmitNode(emitter, node);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
    }

    private static void EmitNode(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    EmitString(emitter, key);
                    EmitNode(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var item in array)
                {
                    EmitNode(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value:
                EmitValue(emitter, value);
                break;
        }
    }

    private static void EmitValue(IEmitter emitter, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                EmitString(emitter, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                emitter.Emit(new Scalar(null, null, "true", ScalarStyle.Plain, true, false));
                break;
            case JsonValueKind.False:
                emitter.Emit(new Scalar(null, null, "false", ScalarStyle.Plain, true, false));
                break;
            case JsonValueKind.Number:
                emitter.Emit(new Scalar(null, null, NumberText(value.ToJsonString()), ScalarStyle.Plain, true, false));
                break;
            default:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static void EmitString(IEmitter emitter, string text)
    {
        var style = IsSafePlain(text) ? ScalarStyle.Plain
            : IsSafeLiteral(text) ? ScalarStyle.Literal
            : ScalarStyle.DoubleQuoted;
        emitter.Emit(new Scalar(null, null, text, style, isPlainImplicit: style == ScalarStyle.Plain, isQuotedImplicit: true));
    }

    /// <summary>
    /// Plain only when no YAML 1.1 or 1.2 loader can read the text as anything but this string: it starts with an
    /// ASCII letter (so never a number, date, <c>~</c>, <c>-</c> or <c>.inf</c> in either version), uses a small
    /// safe alphabet, and is not one of YAML 1.1's booleans or nulls (<c>yes</c>, <c>on</c>, <c>n</c>, <c>null</c>).
    /// Everything else is double-quoted, where the emitter escapes what must be escaped.
    /// </summary>
    private static bool IsSafePlain(string text)
    {
        if (text.Length is 0 or > 200 || !char.IsAsciiLetter(text[0]) || ReservedWords.Contains(text) || text[^1] is ' ' or ':')
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '/' or '-' or '@' or '='
                || (c == ':' && text[i + 1] != ' ')
                || (c == ' ' && text[i + 1] != ' ');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A literal block (<c>|</c>) keeps multi-line text such as scripts readable; used only for text a literal block
    /// represents exactly: no carriage returns or other control characters, no leading blank on the first line
    /// and no line of blanks only, which would make the indentation ambiguous.
    /// </summary>
    private static bool IsSafeLiteral(string text)
    {
        if (!text.Contains('\n', StringComparison.Ordinal) || text[0] is ' ' or '\t' or '\n')
        {
            return false;
        }

        foreach (var c in text)
        {
            if ((char.IsControl(c) && c is not ('\n' or '\t')) || c is '\u2028' or '\u2029' or '\u0085' or '\ufeff' || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return text.Split('\n').All(line => line.Length == 0 || !string.IsNullOrWhiteSpace(line)) && !text.EndsWith(' ') && !text.EndsWith('\t');
    }

    /// <summary>JSON numbers as both YAML versions read them: YAML 1.1 floats need a '.' and a signed exponent.</summary>
    private static string NumberText(string json)
    {
        var e = json.IndexOfAny(['e', 'E']);
        if (e < 0)
        {
            return json;
        }

        var mantissa = json[..e];
        var exponent = json[(e + 1)..];
        if (!mantissa.Contains('.', StringComparison.Ordinal))
        {
            mantissa += ".0";
        }

        if (exponent.Length > 0 && exponent[0] is not ('+' or '-'))
        {
            exponent = "+" + exponent;
        }

        return mantissa + "e" + exponent;
    }

    private static readonly HashSet<string> ReservedWords = new(StringComparer.Ordinal)
    {
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
        "null", "Null", "NULL",
    };
}
