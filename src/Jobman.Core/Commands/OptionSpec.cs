namespace Jobman.Core.Commands;

/// <summary>Declares one option of a command.</summary>
/// <param name="LongName">The name after <c>--</c>, e.g. <c>image</c>. Also the key used to read the value.</param>
/// <param name="Description">Help text.</param>
public sealed record OptionSpec(string LongName, string Description)
{
    /// <summary>The one-letter alias after <c>-</c>, if any.</summary>
    public char? ShortName { get; init; }

    /// <summary>Flag, single value or repeatable.</summary>
    public OptionArity Arity { get; init; } = OptionArity.Single;

    /// <summary>The placeholder shown in help, e.g. <c>IMAGE</c>.</summary>
    public string? ValueName { get; init; }

    /// <summary>When true the host rejects a command line without this option (exit code 2).</summary>
    public bool Required { get; init; }

    /// <summary>Creates a flag option.</summary>
    /// <param name="longName">Name after <c>--</c>.</param>
    /// <param name="description">Help text.</param>
    /// <param name="shortName">Optional one-letter alias.</param>
    /// <returns>The option spec.</returns>
    public static OptionSpec Flag(string longName, string description, char? shortName = null) =>
        new(longName, description) { Arity = OptionArity.Flag, ShortName = shortName };

    /// <summary>Creates a single-value option.</summary>
    /// <param name="longName">Name after <c>--</c>.</param>
    /// <param name="valueName">Placeholder shown in help.</param>
    /// <param name="description">Help text.</param>
    /// <param name="shortName">Optional one-letter alias.</param>
    /// <returns>The option spec.</returns>
    public static OptionSpec Value(string longName, string valueName, string description, char? shortName = null) =>
        new(longName, description) { ValueName = valueName, ShortName = shortName };

    /// <summary>Creates a repeatable option.</summary>
    /// <param name="longName">Name after <c>--</c>.</param>
    /// <param name="valueName">Placeholder shown in help.</param>
    /// <param name="description">Help text.</param>
    /// <param name="shortName">Optional one-letter alias.</param>
    /// <returns>The option spec.</returns>
    public static OptionSpec Many(string longName, string valueName, string description, char? shortName = null) =>
        new(longName, description) { ValueName = valueName, ShortName = shortName, Arity = OptionArity.Multiple };
}
