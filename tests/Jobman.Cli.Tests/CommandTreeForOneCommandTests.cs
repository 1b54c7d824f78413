using Jobman.Cli.Hosting;
using Jobman.Cli.Parsing;
using Jobman.Cli.PluginLoading;
using Jobman.Core;
using Jobman.Core.Commands;

namespace Jobman.Cli.Tests;

/// <summary>
/// The host builds the command tree only for the command (or group) a line names. Held to the whole tree by
/// differential runs: every line must select the same command with the same values, print the same help and fail
/// with the same message either way.
/// </summary>
public class CommandTreeForOneCommandTests
{
    private static readonly ICommand[] Commands =
    [
        new Fake(new CommandSpec("list", "List.")
        {
            OutputFormats = [OutputFormat.Table, OutputFormat.Wide, OutputFormat.Json],
            Options = [OptionSpec.Flag("all-jobs", "All."), OptionSpec.Flag("watch", "Watch.", 'w'), OptionSpec.Value("namespace", "NS", "Namespace.", 'n')],
        }),
        new Fake(new CommandSpec("submit", "Submit.")
        {
            AcceptsCommandArguments = true,
            Options = [OptionSpec.Value("image", "IMAGE", "Image.", 'i') with { Required = true }, OptionSpec.Many("env", "KEY_VALUE", "Env.", 'e')],
        }),
        new Fake(new CommandSpec("show", "Show a history entry.") { Parent = "history", Options = [OptionSpec.Value("job", "JOB", "Job.", 'j')] }),
        new Fake(new CommandSpec("prune", "Prune history.") { Parent = "history", Options = [OptionSpec.Flag("yes", "Yes.")] }),
        new Fake(new CommandSpec("show", "Show the sandbox.") { Parent = "sandbox" }),
        new Fake(new CommandSpec("queue", "Queue.") { OutputFormats = [OutputFormat.Table, OutputFormat.Json] }),
        new Fake(new CommandSpec("publish", "Publish the queue.") { Parent = "queue", Options = [OptionSpec.Flag("once", "Once.")] }),
        new Fake(new CommandSpec("details", "Details.") { Options = [OptionSpec.Value("job", "JOB", "Job.", 'j') with { Required = true }] }),
    ];

    private static readonly string[][] Lines =
    [
        ["list"],
        ["list", "-o", "wide", "--all-jobs"],
        ["--verbose", "list", "-w", "-n", "team-a"],
        ["-s", "list", "list"],
        ["list", "-o", "xml"],
        ["list", "--wach"],
        ["list", "extra"],
        ["list", "--help"],
        ["submit", "-i", "img", "--", "python", "train.py", "--lr", "3"],
        ["submit", "-i", "img", "-e", "A=1", "-e", "B=2", "python", "x.py"],
        ["submit", "python"],
        ["submit", "-i"],
        ["history", "show", "-j", "a"],
        ["history", "prune", "--yes"],
        ["history"],
        ["history", "shw"],
        ["history", "show", "--help"],
        ["sandbox", "show"],
        ["details"],
        ["queue"],
        ["queue", "-o", "json"],
        ["queue", "publish", "--once"],
        ["queue", "pub"],
        ["lst"],
        ["--bogus", "list"],
        ["--help"],
    ];

    private static IEnumerable<TestCaseData> Cases() => Lines.Select(line => new TestCaseData((object)line).SetArgDisplayNames(string.Join(' ', line)));

    [TestCaseSource(nameof(Cases))]
    public void A_line_parses_alike_with_only_its_command_in_the_tree(string[] line)
    {
        var whole = Parse(line, word: null);
        var partial = Parse(line, CommandWord.Find(line));

        partial.Should().Be(whole);
    }

    [Test]
    public void The_differential_can_fail_a_tree_missing_the_named_command()
    {
        var whole = Parse(["list", "-o", "wide"], word: null);
        var other = Parse(["list", "-o", "wide"], word: "submit");

        other.Should().NotBe(whole, "the tree for 'submit' does not know 'list'");
    }

    /// <summary>What a parse did, as text: the selection, or the error, and what it printed.</summary>
    private static string Parse(string[] line, string? word)
    {
        var stdout = new StringWriter();
        var environment = new HostEnvironment
        {
            Out = stdout,
            Error = TextWriter.Null,
            In = TextReader.Null,
            IsOutputRedirected = true,
            HomeDirectory = Path.GetTempPath(),
            ToolDirectory = Path.GetTempPath(),
            GetEnvironmentVariable = _ => null,
        };
        string outcome;
        try
        {
            var parsed = new CommandTreeBuilder(Commands, "9.9.9", "root help", word).Parse(line, new HostConsole(environment));
            outcome = parsed is null
                ? "nothing selected"
                : $"{parsed.Command.Spec.Parent} {parsed.Command.Spec.Name} format={parsed.Format} args=[{string.Join(",", parsed.CommandArguments)}] values=[{string.Join(";", parsed.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={string.Join(",", v.Value)}"))}]";
        }
        catch (JobmanException ex)
        {
            outcome = $"error {ex.ExitCode}: {ex.Message}";
        }

        return $"{outcome}\n--- printed:\n{stdout}";
    }

    private sealed class Fake(CommandSpec spec) : ICommand
    {
        public CommandSpec Spec { get; } = spec;

        public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
