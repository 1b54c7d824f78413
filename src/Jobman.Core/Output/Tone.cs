namespace Jobman.Core.Output;

/// <summary>Semantic styles the host maps to colours.</summary>
public enum Tone
{
    /// <summary>No styling.</summary>
    Plain,

    /// <summary>Success (green).</summary>
    Good,

    /// <summary>Warning or pending (yellow).</summary>
    Attention,

    /// <summary>Failure (red).</summary>
    Bad,

    /// <summary>Less important text (dim).</summary>
    Muted,

    /// <summary>Headings (bold).</summary>
    Heading,
}
