namespace Jobman.Packaging.Tests;

/// <summary>The installed tool's bash completion, run by a real bash.</summary>
[NonParallelizable]
public class CompletionTests
{
    [Test]
    public async Task Bash_completes_commands_and_options_of_the_installed_tool()
    {
        var tool = await InstalledTool.GetAsync();
        var home = Directory.CreateTempSubdirectory("jobman-completion-home-").FullName;
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["HOME"] = home,
                ["JOBMAN_NO_UPDATE_CHECK"] = "1",
                ["PATH"] = tool.ToolPath + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            };
            const string Script = """
                source <(jobman completion bash)
                COMP_WORDS=(jobman res); COMP_CWORD=1; _jobman_complete; printf '%s\n' "${COMPREPLY[@]}"
                COMP_WORDS=(jobman submit --dry); COMP_CWORD=2; _jobman_complete; printf '%s\n' "${COMPREPLY[@]}"
                COMP_WORDS=(jobman submit -r ''); COMP_CWORD=3; _jobman_complete; printf '%s\n' "${COMPREPLY[@]}"
                """;

            var result = await ProcessRunner.RunAsync("bash", ["-c", Script], environment);

            result.ExitCode.Should().Be(0, result.Stderr);
            result.Stdout.Should().Be("resources-flavors\nresume\n--dry-run\nno-gpu\nsmall-gpu\n");
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
