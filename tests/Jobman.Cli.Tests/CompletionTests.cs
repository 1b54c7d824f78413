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

    [TestCase("bash", "complete -o default -F _jobman_complete jobman")]
    [TestCase("zsh", "compdef _jobman jobman")]
    [TestCase("fish", "complete -c jobman -f -a '(__jobman_complete)'")]
    [TestCase("powershell", "Register-ArgumentCompleter -Native -CommandName jobman")]
    public async Task Each_shell_has_a_script_asking_jobman_for_candidates(string shell, string registration)
    {
        var result = await Runner.RunAsync("completion", shell);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain(registration).And.Contain("jobman completion --complete --");
    }

    [Test]
    public async Task An_unknown_shell_is_a_usage_error()
    {
        var result = await Runner.RunAsync("completion", "tcsh");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Be("error: say which shell: 'jobman completion bash|zsh|fish|powershell'\n");
    }

    [Test]
    public async Task A_word_after_the_last_one_is_a_new_empty_word()
    {
        // PowerShell never passes an empty argument: CWORD equal to the word count stands for it.
        var result = await Runner.RunAsync("completion", "--complete", "--", "2", "jobman", "hello");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Contain("--name");
    }
}
