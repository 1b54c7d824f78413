using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Core.Flavors;
using Jobman.Core.History;
using Jobman.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Jobman.Cli.BuiltIn;

/// <summary>
/// <c>jobman completion bash|zsh|fish|powershell</c> prints a completion script (<see cref="CompletionScripts"/>); the
/// script calls <c>jobman completion --complete -- CWORD WORDS...</c>, which prints the candidates one per line:
/// commands, options, flavor names after <c>-r</c>, image names after <c>-i</c> (from the configured registries,
/// cached for 10 minutes so that pressing Tab does not crawl a registry each time) and job names after <c>-j</c> (from
/// the local job journal, so no cluster is asked).
/// </summary>
internal sealed class CompletionCommand(IServiceProvider services, JobmanEnvironment environment) : ICommand
{
    private static readonly TimeSpan ImageCacheLifetime = TimeSpan.FromMinutes(10);
    private static readonly string[] GlobalOptions = ["--help", "--settings", "--verbose", "--no-color"];

    private const int JobNameCandidates = 200;

    public CommandSpec Spec { get; } = new("completion", "Print a shell completion script: bash, zsh, fish or powershell.")
    {
        AcceptsCommandArguments = true,
        Options = [OptionSpec.Flag("complete", "Print the completions of a command line (used by the script).")],
        ExtendedHelp = """

            bash, in ~/.bashrc:          eval "$(jobman completion bash)"
            zsh, in ~/.zshrc:            source <(jobman completion zsh)
            fish:                        jobman completion fish > ~/.config/fish/completions/jobman.fish
            PowerShell, in $PROFILE:     jobman completion powershell | Out-String | Invoke-Expression
            Completes commands, options, flavor names after -r, image names after -i (cached 10 minutes), the
            names of the jobs in the local journal after -j and your namespace's Kueue LocalQueues after --queue.
            """,
    };

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        if (!invocation.Has("complete"))
        {
            if (invocation.CommandArguments is not [var shell] || !CompletionScripts.Shells.Contains(shell))
            {
                throw JobmanException.Usage($"say which shell: 'jobman completion {string.Join("|", CompletionScripts.Shells)}'");
            }

            invocation.Output.Out.Write(CompletionScripts.For(shell));
            return ExitCodes.Success;
        }

        if (invocation.CommandArguments.Count < 2 || !int.TryParse(invocation.CommandArguments[0], out var current))
        {
            throw JobmanException.Usage("usage: jobman completion --complete -- CWORD WORDS...");
        }

        var words = invocation.CommandArguments.Skip(1).ToList();
        var typed = current < words.Count ? words[current] : string.Empty;
        foreach (var candidate in (await CandidatesAsync(words, current, cancellationToken).ConfigureAwait(false))
            .Where(c => c.StartsWith(typed, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            invocation.Output.Out.WriteLine(candidate);
        }

        return ExitCodes.Success;
    }

    private async Task<IEnumerable<string>> CandidatesAsync(IReadOnlyList<string> words, int current, CancellationToken cancellationToken)
    {
        var commands = services.GetServices<ICommand>().Select(c => c.Spec).ToList();
        var path = words.Skip(1).Take(Math.Max(0, current - 1)).Where(w => !w.StartsWith('-')).ToList();
        var top = path.Count > 0 ? commands.FirstOrDefault(c => c.Parent is null && c.Name == path[0]) : null;
        var child = top is not null && path.Count > 1 ? commands.FirstOrDefault(c => c.Parent == top.Name && c.Name == path[1]) : null;
        var spec = child ?? top;
        if (spec is { Name: "completion", Parent: null } && current == 2)
        {
            return CompletionScripts.Shells;
        }

        if (spec is null)
        {
            return current <= 1 || path.Count == 0 ? commands.Where(c => c.Parent is null).Select(c => c.Name).Concat(GroupNames(commands)) : [];
        }

        var previous = current - 1 < words.Count ? words[current - 1] : string.Empty;
        if (previous is "-r" or "--resources-flavor")
        {
            return (await services.GetRequiredService<ResourceFlavorCatalog>().AllAsync(cancellationToken).ConfigureAwait(false)).Select(f => f.Name);
        }

        if (previous is "-i" or "--image")
        {
            return await ImageNamesAsync(cancellationToken).ConfigureAwait(false);
        }

        if (previous is "--queue")
        {
            // The LocalQueues the queue-flavor sources (Kueue) reach; none without such a plugin or a cluster.
            var queueFlavors = await services.GetRequiredService<ResourceFlavorCatalog>().QueueFlavorsAsync(ClusterTarget.Default, cancellationToken).ConfigureAwait(false);
            return queueFlavors.Select(q => q.Queue);
        }

        // Existing names for the commands that act on a job; submit names a new one.
        if (previous is "-j" or "--job-name" && spec.Name != "submit" && spec.Options.Any(o => o.LongName == "job-name"))
        {
            return services.GetServices<IJobJournal>().SelectMany(journal => journal.RecentJobNames(JobNameCandidates));
        }

        var options = spec.Options.SelectMany(o => new[] { "--" + o.LongName, o.ShortName is { } s ? "-" + s : null }).OfType<string>()
            .Concat(spec.OutputFormats.Count > 0 ? ["--output"] : []).Concat(GlobalOptions);
        var subcommands = child is null ? commands.Where(c => c.Parent == spec.Name).Select(c => c.Name) : [];
        return options.Concat(subcommands);
    }

    private static IEnumerable<string> GroupNames(IEnumerable<CommandSpec> commands) =>
        commands.Where(c => c.Parent is not null).Select(c => c.Parent!);

    private async Task<IReadOnlyList<string>> ImageNamesAsync(CancellationToken cancellationToken)
    {
        var cache = Path.Combine(environment.HomeDirectory, ".jobman", "cache", "image-names.txt");
        if (File.Exists(cache) && DateTime.UtcNow - File.GetLastWriteTimeUtc(cache) < ImageCacheLifetime)
        {
            return await File.ReadAllLinesAsync(cache, cancellationToken).ConfigureAwait(false);
        }

        var names = new List<string>();
        try
        {
            foreach (var registry in services.GetRequiredService<RegistrySelector>().Select(null))
            {
                await foreach (var repository in registry.ListRepositoriesAsync(cancellationToken).ConfigureAwait(false))
                {
                    names.Add(repository.Name);
                    names.AddRange(repository.Tags.Select(tag => $"{repository.Name}:{tag}"));
                }
            }
        }
        catch (JobmanException)
        {
            // No registry configured or reachable: completion simply offers no image names.
            return [];
        }

        try
        {
            Core.Files.PrivateFiles.WriteAllText(cache, string.Concat(names.Select(n => n + "\n")));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The cache only saves a registry round trip next time.
        }
        return names;
    }
}
