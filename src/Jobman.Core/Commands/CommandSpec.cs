namespace Jobman.Core.Commands;

/// <summary>Declares a command: its name, help text and options.</summary>
/// <param name="Name">The word typed after <c>jobman</c> (or after <see cref="Parent"/>).</param>
/// <param name="Description">One line shown in the command list and in the command's help.</param>
public sealed record CommandSpec(string Name, string Description)
{
    /// <summary>The options the command accepts, besides the host's global ones.</summary>
    public IReadOnlyList<OptionSpec> Options { get; init; } = [];

    /// <summary>
    /// When true, tokens after <c>--</c> are passed through in <see cref="CommandInvocation.CommandArguments"/>.
    /// An option-like token before <c>--</c> that the command does not know stays an error.
    /// </summary>
    public bool AcceptsCommandArguments { get; init; }

    /// <summary>The name of the command this one is nested under (e.g. <c>queue</c> for <c>queue publish</c>).</summary>
    public string? Parent { get; init; }

    /// <summary>Output formats the command supports; the host adds <c>-o/--output</c> when non-empty. The first is the default.</summary>
    public IReadOnlyList<OutputFormat> OutputFormats { get; init; } = [];

    /// <summary>Extra help text printed after the option list (examples, notes).</summary>
    public string? ExtendedHelp { get; init; }
}
