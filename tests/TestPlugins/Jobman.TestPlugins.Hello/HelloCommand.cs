using Jobman.Core;
using Jobman.Core.Commands;

namespace Jobman.TestPlugins.Hello;

public sealed class HelloCommand : ICommand
{
    public CommandSpec Spec { get; } = new("hello", "Say hello (test plugin).")
    {
        Options = [OptionSpec.Value("name", "NAME", "Who to greet.", 'n')],
    };

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var greeting = invocation.Settings.GetString("hello.greeting") ?? "hello";
        invocation.Output.WriteLine($"{greeting} {invocation.Value("name") ?? "world"} from the Hello test plugin");
        return Task.FromResult(ExitCodes.Success);
    }
}
