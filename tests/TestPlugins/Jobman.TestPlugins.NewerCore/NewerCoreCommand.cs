using Jobman.Core;
using Jobman.Core.Commands;

namespace Jobman.TestPlugins.NewerCore;

public sealed class NewerCoreCommand : ICommand
{
    public CommandSpec Spec { get; } = new("newer-core", "Needs a newer core.")
    {
        Options = [OptionSpec.Value("name", "NAME", "Who to greet.", 'n')],
    };

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var greeting = invocation.Settings.GetString("hello.greeting") ?? "newer-core";
        invocation.Output.WriteLine($"{greeting} {invocation.Value("name") ?? "world"} from the NewerCore test plugin");
        return Task.FromResult(ExitCodes.Success);
    }
}
