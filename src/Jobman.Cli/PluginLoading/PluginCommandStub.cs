using Jobman.Core.Commands;

namespace Jobman.Cli.PluginLoading;

/// <summary>
/// Stands in for a command of a plugin that was not loaded because the command line does not need it: enough for
/// the root help and suggestions. The host reruns with every plugin loaded if one is ever selected.
/// </summary>
internal sealed class PluginCommandStub(CommandSpec spec) : ICommand
{
    public CommandSpec Spec { get; } = spec;

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"command '{Spec.Name}' belongs to a plugin that was not loaded");
}
