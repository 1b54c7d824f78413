using Jobman.Core.Commands;

namespace Jobman.Cli.Parsing;

/// <summary>The command the user selected, with its raw option values.</summary>
internal sealed record ParsedCommand(
    ICommand Command,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Values,
    IReadOnlyList<string> CommandArguments,
    OutputFormat Format);
