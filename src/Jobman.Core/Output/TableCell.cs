namespace Jobman.Core.Output;

/// <summary>A cell with an optional style.</summary>
/// <param name="Text">The text.</param>
/// <param name="Tone">How the host styles it when colour is on.</param>
public sealed record TableCell(string Text, Tone Tone = Tone.Plain)
{
    /// <summary>Plain cell from a string.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator TableCell(string text) => new(text);
}
