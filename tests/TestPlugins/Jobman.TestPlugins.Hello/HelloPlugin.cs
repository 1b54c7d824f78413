using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: JobmanPlugin(typeof(Jobman.TestPlugins.Hello.HelloPlugin))]

namespace Jobman.TestPlugins.Hello;

public sealed class HelloPlugin : IJobmanPlugin
{
    public IReadOnlyList<string> SettingsSections => ["hello"];

    public void ConfigureServices(IServiceCollection services) => services
        .AddSingleton<ICommand, HelloCommand>()
        .AddSingleton<ICommand, EchoArgsCommand>()
        .AddSingleton<ICommand, WaitForeverCommand>();
}

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
