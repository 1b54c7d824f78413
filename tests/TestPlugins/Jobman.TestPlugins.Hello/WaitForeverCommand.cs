using Jobman.Core;
using Jobman.Core.Commands;

namespace Jobman.TestPlugins.Hello;

/// <summary>Runs until cancelled, to test Ctrl+C handling.</summary>
public sealed class WaitForeverCommand : ICommand
{
    public CommandSpec Spec { get; } = new("wait-forever", "Wait until cancelled (test plugin).");

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        invocation.Output.Info("waiting");
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return ExitCodes.Success;
    }
}
