using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Core.Hosting;

namespace Jobman.TestPlugins.Hello;

/// <summary>
/// Runs until cancelled, to test Ctrl+C handling. Refuses to be created when HELLO_REFUSE_CREATION is set, which
/// the host reports as a warning: that shows whether a command line created it.
/// </summary>
public sealed class WaitForeverCommand : ICommand
{
    public WaitForeverCommand(JobmanEnvironment environment)
    {
        if (!string.IsNullOrEmpty(environment.GetVariable("HELLO_REFUSE_CREATION")))
        {
            throw new InvalidOperationException("wait-forever was created");
        }
    }

    public CommandSpec Spec { get; } = new("wait-forever", "Wait until cancelled (test plugin).");

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        invocation.Output.Info("waiting");
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return ExitCodes.Success;
    }
}
