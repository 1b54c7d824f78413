using Jobman.Core;
using Jobman.Core.Commands;

namespace Jobman.TestPlugins.DuplicateHello;

public sealed class DuplicateHelloCommand : ICommand
{
    public CommandSpec Spec { get; } = new("hello", "Another hello (duplicate).");

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        invocation.Output.WriteLine("duplicate hello");
        return Task.FromResult(ExitCodes.Success);
    }
}
