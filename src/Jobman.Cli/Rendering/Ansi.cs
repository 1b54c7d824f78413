using Jobman.Core.Output;

namespace Jobman.Cli.Rendering;

/// <summary>Maps tones to ANSI SGR sequences.</summary>
internal static class Ansi
{
    public static string Style(string text, Tone tone, bool enabled)
    {
        if (!enabled || tone == Tone.Plain || text.Length == 0)
        {
            return text;
        }

        var code = tone switch
        {
            Tone.Good => "32",
            Tone.Attention => "33",
            Tone.Bad => "31",
            Tone.Muted => "2",
            Tone.Heading => "1",
            _ => "0",
        };
        return $"\u001b[{code}m{text}\u001b[0m";
    }
}
