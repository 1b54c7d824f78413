using Jobman.Core.Output;
using Jobman.Core.Settings;

namespace Jobman.Core.Commands;

/// <summary>Everything a command receives when it runs: parsed values, settings and where to write.</summary>
public sealed class CommandInvocation
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _values;

    /// <summary>Creates an invocation. Built by the host; tests of plugins may build one too.</summary>
    /// <param name="values">Values per option long name; a flag that was given has one empty value.</param>
    /// <param name="commandArguments">Tokens after <c>--</c>.</param>
    /// <param name="settings">The merged settings.</param>
    /// <param name="output">Where results, messages and prompts go.</param>
    public CommandInvocation(
        IReadOnlyDictionary<string, IReadOnlyList<string>> values,
        IReadOnlyList<string> commandArguments,
        JobmanSettings settings,
        IOutput output)
    {
        _values = values;
        CommandArguments = commandArguments;
        Settings = settings;
        Output = output;
    }

    /// <summary>Tokens after <c>--</c> (only for commands that accept them).</summary>
    public IReadOnlyList<string> CommandArguments { get; }

    /// <summary>The merged settings (template, home file, <c>-s</c> file).</summary>
    public JobmanSettings Settings { get; }

    /// <summary>Results, messages and prompts.</summary>
    public IOutput Output { get; }

    /// <summary>True when the flag or option was given on the command line.</summary>
    /// <param name="longName">The option's long name.</param>
    /// <returns>Whether it was given.</returns>
    public bool Has(string longName) => _values.TryGetValue(longName, out var v) && v.Count > 0;

    /// <summary>The value of a single-value option, or null when absent.</summary>
    /// <param name="longName">The option's long name.</param>
    /// <returns>The last value given, or null.</returns>
    public string? Value(string longName) =>
        _values.TryGetValue(longName, out var v) && v.Count > 0 ? v[^1] : null;

    /// <summary>All values of a repeatable option, in command-line order.</summary>
    /// <param name="longName">The option's long name.</param>
    /// <returns>The values; empty when absent.</returns>
    public IReadOnlyList<string> Values(string longName) =>
        _values.TryGetValue(longName, out var v) ? v : [];
}
