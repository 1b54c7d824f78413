namespace Jobman.Cli.Tests;

/// <summary>Parsing rules, help, version and exit codes of the host (table of cases).</summary>
public class CommandLineTests : HelloPluginTest
{
    [TestCase(new[] { "echo-args", "--upper", "--", "python", "train.py", "--lr", "3" }, "PYTHON TRAIN.PY --LR 3")]
    [TestCase(new[] { "echo-args", "python", "train.py", "--lr", "3" }, "python train.py --lr 3")]
    [TestCase(new[] { "echo-args", "--", "-x", "y" }, "-x y")]
    [TestCase(new[] { "echo-args", "--upper" }, "")]
    public async Task Command_arguments_pass_through(string[] args, string expected)
    {
        var result = await Runner.RunAsync(args);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be(expected + "\n");
    }

    [TestCase(new[] { "echo-args", "--uppr", "--", "a" }, "error: unknown option '--uppr' for 'echo-args'. Did you mean '--upper'?")]
    [TestCase(new[] { "echo-args", "--uppr", "a" }, "error: unknown option '--uppr' for 'echo-args'. Did you mean '--upper'?")]
    [TestCase(new[] { "echo-args", "python", "--", "a" }, "error: unexpected argument 'python' before '--'; put the container command after '--'")]
    [TestCase(new[] { "helo" }, "error: unknown command 'helo'. Did you mean 'hello'? See 'jobman --help'.")]
    [TestCase(new[] { "hello", "extra" }, "error: 'hello' takes no argument 'extra'. See 'jobman hello --help'.")]
    [TestCase(new[] { "hello", "--nme", "x" }, "error: unknown option '--nme' for 'hello'. Did you mean '--name'?")]
    [TestCase(new[] { "hello", "-n" }, "error: option '-n' needs a value. See 'jobman hello --help'.")]
    [TestCase(new[] { "image-details" }, "error: 'image-details' needs -i/--image. See 'jobman image-details --help'.")]
    [TestCase(new[] { "plugins", "-o", "xml" }, "error: 'plugins' cannot print 'xml'; choose one of: table, json, yaml")]
    [TestCase(new[] { "--bogus" }, "error: unknown option '--bogus'")]
    public async Task Usage_errors_are_one_line_with_exit_code_2(string[] args, string expectedStderrStart)
    {
        var result = await Runner.RunAsync(args);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().StartWith(expectedStderrStart);
        result.Stderr.TrimEnd('\n').Should().NotContain("\n", "a usage error is one line");
        result.Stdout.Should().BeEmpty("diagnostics, the usage hint included, go to stderr");
    }

    [Test]
    public async Task Version_prints_the_tool_version()
    {
        var result = await Runner.RunAsync("--version");

        result.ExitCode.Should().Be(0);
        result.Stdout.Should().MatchRegex(@"^jobman version \d+\.\d+\.\d+\n$");
    }

    [Test]
    public async Task No_arguments_print_the_help_and_succeed()
    {
        var result = await Runner.RunAsync();

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("Usage: jobman [options] [command]");
        result.Stdout.Should().Be((await Runner.RunAsync("--help")).Stdout);
        result.Stderr.Should().BeEmpty();
    }

    [Test]
    public async Task Only_global_options_without_a_command_show_help_and_return_usage_code()
    {
        var result = await Runner.RunAsync("--no-color");

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().Contain("Usage: jobman [options] [command]");
        result.Stderr.Should().Be("error: no command given\n");
    }

    [Test]
    public async Task Per_command_help_lists_its_options()
    {
        var result = await Runner.RunAsync("hello", "--help");

        result.ExitCode.Should().Be(0);
        result.Stdout.Should().Contain("-n|--name <NAME>").And.Contain("Who to greet.").And.Contain("--settings");
    }

    [Test]
    public async Task Ctrl_C_cancels_a_running_command_with_exit_code_130()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var result = await Runner.RunAsync(cts.Token, "wait-forever");

        result.ExitCode.Should().Be(130, result.ToString());
        result.Stderr.Should().EndWith("cancelled\n");
    }

    [Test]
    public async Task Verbose_shows_the_stack_trace_of_an_error()
    {
        var bad = Path.Combine(Runner.HomeDirectory, "bad.json");
        await File.WriteAllTextAsync(bad, "{ nope");

        var quiet = await Runner.RunAsync("-s", bad, "plugins");
        var verbose = await Runner.RunAsync("-s", bad, "--verbose", "plugins");

        quiet.Stderr.Should().NotContain(" at ");
        verbose.Stderr.Should().Contain("JobmanException").And.Contain(" at ");
    }

    [Test]
    public async Task Verbose_after_the_double_dash_belongs_to_the_container_command()
    {
        var bad = Path.Combine(Runner.HomeDirectory, "bad.json");
        await File.WriteAllTextAsync(bad, "{ nope");

        var result = await Runner.RunAsync("-s", bad, "echo-args", "--", "python", "train.py", "--verbose");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().NotContain(" at ").And.NotContain("JobmanException");
        result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
    }
}
