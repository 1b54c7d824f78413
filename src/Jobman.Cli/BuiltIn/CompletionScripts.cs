namespace Jobman.Cli.BuiltIn;

/// <summary>
/// The completion script of each shell. Every script only gathers the words typed so far and the index of the one
/// being completed, and asks <c>jobman completion --complete -- CWORD WORDS...</c> (CWORD 0-based; CWORD equal to the
/// number of words means a new, empty word), so every shell offers the same names.
/// </summary>
internal static class CompletionScripts
{
    public static IReadOnlyList<string> Shells { get; } = ["bash", "zsh", "fish", "powershell"];

    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "fish" => Fish,
        _ => PowerShell,
    };

    private const string Bash = """
        # jobman bash completion: eval "$(jobman completion bash)"
        _jobman_complete() {
            local IFS=$'\n'
            COMPREPLY=($(jobman completion --complete -- "$COMP_CWORD" "${COMP_WORDS[@]}" 2>/dev/null))
        }
        complete -o default -F _jobman_complete jobman

        """;

    // zsh's CURRENT counts from 1 with the command as words[1]; with no candidates, file names as usual.
    private const string Zsh = """
        #compdef jobman
        # jobman zsh completion: source <(jobman completion zsh)   (in ~/.zshrc, after compinit)
        _jobman() {
            local -a candidates
            candidates=("${(@f)$(jobman completion --complete -- $(( CURRENT - 1 )) "${words[@]}" 2>/dev/null)}")
            candidates=(${candidates:#})
            if (( ${#candidates} )); then
                compadd -Q -- "${candidates[@]}"
            else
                _files
            fi
        }
        if (( ! $+functions[compdef] )); then
            autoload -Uz compinit && compinit
        fi
        compdef _jobman jobman

        """;

    private const string Fish = """
        # jobman fish completion: jobman completion fish | source   (or save in ~/.config/fish/completions/jobman.fish)
        function __jobman_complete
            set -l words (commandline -opc) (commandline -ct)
            set -l candidates (jobman completion --complete -- (math (count $words) - 1) $words 2>/dev/null)
            if test (count $candidates) -gt 0
                printf '%s\n' $candidates
            else
                __fish_complete_path (commandline -ct)
            end
        end
        complete -c jobman -f -a '(__jobman_complete)'

        """;

    // An empty word is never passed to jobman (Windows PowerShell drops empty arguments): CWORD = the word count says it.
    private const string PowerShell = """
        # jobman PowerShell completion: jobman completion powershell | Out-String | Invoke-Expression   (in $PROFILE)
        Register-ArgumentCompleter -Native -CommandName jobman -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $words = @($commandAst.CommandElements | Where-Object { $_.Extent.StartOffset -lt $cursorPosition } | ForEach-Object { $_.Extent.Text })
            $current = if ($wordToComplete -eq '') { $words.Count } else { $words.Count - 1 }
            jobman completion --complete -- $current @words 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;
}
