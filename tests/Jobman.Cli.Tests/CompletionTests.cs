namespace Jobman.Cli.Tests;

/// <summary>Shell completion: the bash script and the candidates it asks for.</summary>
public class CompletionTests : HelloPluginTest
{
    [Test]
    public async Task Bash_script_registers_the_completion_function()
    {
        var result = await Runner.RunAsync("completion", "bash");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("jobman completion --complete -- \"$COMP_CWORD\" \"${COMP_WORDS[@]}\"")
            .And.Contain("complete -o default -F _jobman_complete jobman");
    }

    [TestCase(new[] { "1", "jobman", "he" }, new[] { "hello" })]
    [TestCase(new[] { "1", "jobman", "re" }, new[] { "resources-flavors" })]
    [TestCase(new[] { "2", "jobman", "hello", "--n" }, new[] { "--name", "--no-color" })]
    [TestCase(new[] { "3", "jobman", "hello", "-r", "" }, new[] { "no-gpu", "small-gpu" })]
    [TestCase(new[] { "3", "jobman", "hello", "-r", "sm" }, new[] { "small-gpu" })]
    [TestCase(new[] { "2", "jobman", "nosuchcommand", "" }, new string[0])]
    public async Task Candidates_match_the_word_being_completed(string[] line, string[] expected)
    {
        var result = await Runner.RunAsync(["completion", "--complete", "--", .. line]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(expected);
    }

    [Test]
    public async Task Only_bash_is_supported()
    {
        var result = await Runner.RunAsync("completion", "fish");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Be("error: say which shell: 'jobman completion bash' (bash is the one supported)\n");
    }
}
