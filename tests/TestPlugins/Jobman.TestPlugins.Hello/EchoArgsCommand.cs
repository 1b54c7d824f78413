using Jobman.Core;
using Jobman.Core.Commands;

namespace Jobman.TestPlugins.Hello;

/// <summary>Echoes the container-style arguments after '--', like submit takes its command.</summary>
public sealed class EchoArgsCommand : ICommand
{
    public CommandSpec Spec { get; } = new("echo-args", "Echo the arguments given after -- (test plugin).")
    {
        Options = [OptionSpec.Flag("upper", "Upper-case them.")],
        AcceptsCommandArguments = true,
    };

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var text = string.Join(" ", invocation.CommandArguments);
        invocation.Output.WriteLine(invocation.Has("upper") ? text.ToUpperInvariant() : text);
        return Task.FromResult(ExitCodes.Success);
    }
}
