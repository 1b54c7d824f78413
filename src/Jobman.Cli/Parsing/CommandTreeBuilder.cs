using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Core.Text;
using McMaster.Extensions.CommandLineUtils;

namespace Jobman.Cli.Parsing;

/// <summary>
/// Builds the CommandLineUtils tree from the plugins' command specs and turns a command line into a
/// <see cref="ParsedCommand"/>. Parsing only selects; the host runs the command afterwards with its own
/// cancellation token (CommandLineUtils 2.3.0 has none).
/// </summary>
internal sealed class CommandTreeBuilder
{
    private readonly IReadOnlyList<ICommand> _commands;
    private readonly string _version;
    private readonly string _rootHelp;
    private readonly string? _word;
    private ParsedCommand? _selected;
    private JobmanException? _error;
    private IReadOnlyList<string>? _afterSeparator;

    /// <param name="commands">Every command jobman has.</param>
    /// <param name="version">For <c>--version</c>.</param>
    /// <param name="rootHelp">The root help's extended text.</param>
    /// <param name="word">The command word of the line (<see cref="PluginLoading.CommandWord"/>), or null. When it names a
    /// command or a group, only that part of the tree is built: the parse of that command's line cannot depend on the
    /// others, and building the whole tree cost every command ~5 ms (bench/RESULTS.md, issue 14).</param>
    public CommandTreeBuilder(IReadOnlyList<ICommand> commands, string version, string rootHelp, string? word = null)
    {
        _commands = commands;
        _version = version;
        _rootHelp = rootHelp;
        _word = word;
    }

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <returns>The selected command, or null when help or the version was printed.</returns>
    /// <exception cref="JobmanException">For any usage error (exit code 2).</exception>
    public ParsedCommand? Parse(string[] args, IConsole console)
    {
        var separator = Array.IndexOf(args, "--");
        _afterSeparator = separator < 0 ? null : args[(separator + 1)..];
        var app = BuildRoot(console);
        try
        {
            app.Execute(args);
        }
        catch (CommandParsingException ex)
        {
            // CommandLineUtils' own "Specify --help" hint is dropped (UsageHintFilter): the hint is part of this one line.
            throw JobmanException.Usage($"{Reword(ex.Message)}. See '{CommandPath(ex.Command)} --help'.", ex);
        }

        if (_error is not null)
        {
            throw _error;
        }

        return _selected;
    }

    private CommandLineApplication BuildRoot(IConsole console)
    {
        var app = new CommandLineApplication(console, Directory.GetCurrentDirectory(), throwOnUnexpectedArg: false)
        {
            Name = "jobman",
            Description = "jobman, the Kubernetes job manager: submit and manage batch jobs on a shared Kubernetes cluster without writing YAML.",
            ExtendedHelpText = _rootHelp,
        };
        app.HelpOption("-h|--help", inherited: true);
        app.VersionOption("-v|--version", () => $"jobman version {_version}");
        AddGlobalOptions(app);

        var commands = InTreeOrder(CommandsToBuild());
        var groups = new Dictionary<string, CommandLineApplication>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            if (command.Spec.Parent is null)
            {
                groups[command.Spec.Name] = AddCommand(app, command);
            }
        }

        foreach (var command in commands)
        {
            if (command.Spec.Parent is null)
            {
                continue;
            }

            var parentName = command.Spec.Parent!;
            if (!groups.TryGetValue(parentName, out var parent))
            {
                parent = app.Command(parentName, g =>
                {
                    g.Description = $"{parentName} commands";
                    g.OnExecute(() => ShowGroupHelp(g));
                }, throwOnUnexpectedArg: false);
                groups[parentName] = parent;
            }

            AddCommand(parent, command);
        }

        app.OnExecute(() =>
        {
            if (app.RemainingArguments.Count > 0)
            {
                var typed = app.RemainingArguments[0];
                _error = JobmanException.Usage(typed.StartsWith('-')
                    ? $"unknown option '{typed}'{Suggest(typed, GlobalOptionNames(app))}"
                    : $"unknown command '{typed}'{WithHint(Suggest(typed, app.Commands.Select(c => c.Name!)), "See 'jobman --help'.")}");
                return ExitCodes.Usage;
            }

            app.ShowHelp();
            _error = new JobmanException("no command given", ExitCodes.Usage);
            return ExitCodes.Usage;
        });
        return app;
    }

    /// <summary>The commands the word names (a command, or a group's), or all of them when it names none.</summary>
    private List<ICommand> CommandsToBuild()
    {
        var named = new List<ICommand>();
        if (_word is not null)
        {
            foreach (var command in _commands)
            {
                if (command.Spec.Parent is null ? command.Spec.Name == _word : command.Spec.Parent == _word)
                {
                    named.Add(command);
                }
            }
        }

        return named.Count > 0 ? named : [.. _commands];
    }

    /// <summary>Top-level commands before subcommands, each by name (subcommands of different groups may share one).</summary>
    private static List<ICommand> InTreeOrder(List<ICommand> commands)
    {
        commands.Sort(static (a, b) =>
        {
            var level = (a.Spec.Parent is null ? 0 : 1).CompareTo(b.Spec.Parent is null ? 0 : 1);
            if (level != 0)
            {
                return level;
            }

            var name = string.CompareOrdinal(a.Spec.Name, b.Spec.Name);
            return name != 0 ? name : string.CompareOrdinal(a.Spec.Parent, b.Spec.Parent);
        });
        return commands;
    }

    private int ShowGroupHelp(CommandLineApplication group)
    {
        if (group.RemainingArguments.Count > 0)
        {
            var typed = group.RemainingArguments[0];
            _error = JobmanException.Usage($"unknown command '{group.Name} {typed}'{Suggest(typed, group.Commands.Select(c => c.Name!))}");
            return ExitCodes.Usage;
        }

        group.ShowHelp();
        return ExitCodes.Usage;
    }

    private static void AddGlobalOptions(CommandLineApplication app)
    {
        app.Option("-s|--settings <FILE>", "Settings file merged over the template and ~/.jobman/settings.json.", CommandOptionType.SingleValue, inherited: true);
        app.Option("--verbose", "Show stack traces and HTTP details on errors.", CommandOptionType.NoValue, inherited: true);
        app.Option("--no-color", "Disable colours (also when NO_COLOR is set or output is redirected).", CommandOptionType.NoValue, inherited: true);
    }

    private static IEnumerable<string> GlobalOptionNames(CommandLineApplication app) =>
        app.GetOptions().SelectMany(o => new[] { o.LongName is null ? null : "--" + o.LongName, o.ShortName is null ? null : "-" + o.ShortName }).OfType<string>();

    private CommandLineApplication AddCommand(CommandLineApplication parent, ICommand command)
    {
        var spec = command.Spec;
        return parent.Command(spec.Name, c =>
        {
            c.Description = spec.Description;
            if (spec.ExtendedHelp is not null)
            {
                c.ExtendedHelpText = spec.ExtendedHelp;
            }

            // Unknown tokens are collected instead of thrown so that the error goes to stderr with a suggestion,
            // and so that submit can take its container command with or without '--'.
            c.AllowArgumentSeparator = spec.AcceptsCommandArguments;
            var options = new List<BoundOption>(spec.Options.Count);
            foreach (var option in spec.Options)
            {
                options.Add(new(option, c.Option(Template(option), option.Description, OptionType(option.Arity))));
            }

            CommandOption? output = null;
            if (spec.OutputFormats.Count > 0)
            {
                output = c.Option("-o|--output <FORMAT>", $"Output format: {FormatNames(spec, "|")} (default {FormatName(spec.OutputFormats[0])}).", CommandOptionType.SingleValue);
            }

            c.OnExecute(() =>
            {
                _selected = Select(c, command, options, output);
                return ExitCodes.Success;
            });
        }, throwOnUnexpectedArg: false);
    }

    private ParsedCommand? Select(CommandLineApplication c, ICommand command, List<BoundOption> options, CommandOption? output)
    {
        var spec = command.Spec;
        var remaining = c.RemainingArguments.ToList();
        var commandArguments = new List<string>();
        if (remaining.Count > 0)
        {
            var known = options.SelectMany(o => new[] { "--" + o.Spec.LongName, o.Spec.ShortName is { } s ? "-" + s : null }).OfType<string>()
                .Concat(c.GetOptions().SelectMany(o => new[] { o.LongName is null ? null : "--" + o.LongName, o.ShortName is null ? null : "-" + o.ShortName }).OfType<string>());
            // With '--' on the line, only what follows it is the container command; anything else left over was
            // not understood. Without '--', a leading option-like token is a typo, not the start of a command.
            var unexpected = _afterSeparator is null
                ? (remaining[0].StartsWith('-') ? remaining[0] : null)
                : (remaining.Count > _afterSeparator.Count || !remaining.SequenceEqual(_afterSeparator) ? remaining[0] : null);
            var first = remaining[0];
            if (unexpected is not null && unexpected.StartsWith('-') && unexpected != "--")
            {
                _error = JobmanException.Usage($"unknown option '{first}' for '{FullName(spec)}'{Suggest(first, known)}");
                return null;
            }

            if (!spec.AcceptsCommandArguments)
            {
                _error = JobmanException.Usage($"'{FullName(spec)}' takes no argument '{first}'. See 'jobman {FullName(spec)} --help'.");
                return null;
            }

            if (unexpected is not null)
            {
                _error = JobmanException.Usage($"unexpected argument '{unexpected}' before '--'; put the container command after '--'");
                return null;
            }

            commandArguments.AddRange(_afterSeparator ?? remaining);
        }

        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (optionSpec, option) in options)
        {
            if (!option.HasValue())
            {
                if (optionSpec.Required)
                {
                    _error = JobmanException.Usage($"'{FullName(spec)}' needs {Display(optionSpec)}. See 'jobman {FullName(spec)} --help'.");
                    return null;
                }

                continue;
            }

            values[optionSpec.LongName] = optionSpec.Arity == OptionArity.Flag ? ["true"] : option.Values.Select(v => v ?? string.Empty).ToList();
        }

        var format = spec.OutputFormats.Count > 0 ? spec.OutputFormats[0] : OutputFormat.Table;
        if (output?.HasValue() == true)
        {
            var wanted = output.Value()!;
            OutputFormat? match = null;
            foreach (var candidate in spec.OutputFormats)
            {
                if (match is null && FormatName(candidate).Equals(wanted, StringComparison.OrdinalIgnoreCase))
                {
                    match = candidate;
                }
            }

            if (match is not { } chosen)
            {
                _error = JobmanException.Usage($"'{FullName(spec)}' cannot print '{wanted}'; choose one of: {FormatNames(spec, ", ")}");
                return null;
            }

            format = chosen;
        }

        return new ParsedCommand(command, values, commandArguments, format);
    }

    // Loops, not LINQ, over the OutputFormat values: LINQ over a value type is compiled at run time, on every start.
    private static string FormatNames(CommandSpec spec, string separator)
    {
        var names = new string[spec.OutputFormats.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = FormatName(spec.OutputFormats[i]);
        }

        return string.Join(separator, names);
    }

    private static string FormatName(OutputFormat format) => format.ToString().ToLowerInvariant();

    private static string FullName(CommandSpec spec) => spec.Parent is null ? spec.Name : $"{spec.Parent} {spec.Name}";

    private static string Display(OptionSpec o) => o.ShortName is { } s ? $"-{s}/--{o.LongName}" : $"--{o.LongName}";

    private static string Template(OptionSpec o)
    {
        var names = o.ShortName is { } s ? $"-{s}|--{o.LongName}" : $"--{o.LongName}";
        return o.Arity == OptionArity.Flag ? names : $"{names} <{o.ValueName ?? "VALUE"}>";
    }

    private static CommandOptionType OptionType(OptionArity arity) => arity switch
    {
        OptionArity.Flag => CommandOptionType.NoValue,
        OptionArity.Multiple => CommandOptionType.MultipleValue,
        _ => CommandOptionType.SingleValue,
    };

    private static string Suggest(string typed, IEnumerable<string> known)
    {
        var matches = NearestMatch.Find(typed, known.Distinct());
        return matches.Count == 0 ? string.Empty : $". Did you mean {string.Join(" or ", matches.Select(m => $"'{m}'"))}?";
    }

    private static string CommandPath(CommandLineApplication? command)
    {
        var names = new List<string>();
        for (var current = command; current is not null; current = current.Parent)
        {
            names.Insert(0, current.Name ?? "jobman");
        }

        return names.Count == 0 ? "jobman" : string.Join(" ", names);
    }

    private static string Reword(string message)
    {
        const string missing = "Missing value for option '";
        if (message.StartsWith(missing, StringComparison.Ordinal) && message.EndsWith('\''))
        {
            var name = message[missing.Length..^1];
            return $"option '{(name.Length == 1 ? "-" : "--")}{name}' needs a value";
        }

        return message;
    }

    private static string WithHint(string suggestion, string hint) => suggestion.Length == 0 ? $". {hint}" : $"{suggestion} {hint}";

    /// <summary>An option of a command spec and the CommandLineUtils option made for it.</summary>
    private sealed record BoundOption(OptionSpec Spec, CommandOption Option);
}
