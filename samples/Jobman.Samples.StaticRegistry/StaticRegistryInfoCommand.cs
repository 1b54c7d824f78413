using Jobman.Core;
using Jobman.Core.Commands;

namespace Jobman.Samples.StaticRegistry;

/// <summary><c>jobman static-registry-info</c>: shows that a third-party plugin can add its own command.</summary>
public sealed class StaticRegistryInfoCommand : ICommand
{
    public CommandSpec Spec { get; } = new("static-registry-info", "Say where the static sample registry reads its images from.");

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        invocation.Output.WriteLine("static sample registry: images come from settings key staticRegistry.images");
        return Task.FromResult(ExitCodes.Success);
    }
}
