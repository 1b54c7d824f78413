using Jobman.Core.Commands;
using Jobman.Core.Output;

namespace Jobman.Plugins.KubernetesJobs.Commands;

/// <summary>
/// The one way a bulk action asks first: what it will touch, one item a line on stderr, then a yes/no question that
/// <c>--yes</c> skips; a "no" (or no answer on a closed stdin) changes nothing.
/// </summary>
internal static class BulkConfirmation
{
    /// <summary>Shows the items and asks; true when the action may go ahead.</summary>
    public static bool Ask(CommandInvocation invocation, IOutput output, string heading, IEnumerable<string> items, string question, string declined)
    {
        output.Info(heading);
        foreach (var item in items)
        {
            output.Info($"  {item}");
        }

        if (invocation.Has("yes") || output.Confirm(question))
        {
            return true;
        }

        output.Info(declined);
        return false;
    }
}
