using Jobman.Core.Commands;
using Jobman.Core.Output;

namespace Jobman.Plugins.KubernetesJobs.Commands;

/// <summary>
/// The one way a bulk action asks first: what it will touch, one item a line on stderr, then a yes/no question that
/// <c>--yes</c> skips; a "no" (or no answer on a closed stdin) changes nothing.
/// </summary>
internal static class BulkConfirmation
{
    /// <summary>
    /// The one job (<c>-j</c>) a bulk-capable command acts on, or null with <c>--all</c>; exactly one of the two is
    /// required (usage error otherwise).
    /// </summary>
    /// <param name="invocation">The command line.</param>
    /// <param name="verb">What the command does, e.g. "delete".</param>
    public static Jobman.Kubernetes.Names.JobName? OneOrAll(CommandInvocation invocation, string verb)
    {
        var name = Jobman.Kubernetes.Names.JobName.From(invocation);
        var all = invocation.Has("all");
        if (all == (name is not null))
        {
            throw Jobman.Core.JobmanException.Usage(all
                ? "use either -j/--job-name or --all, not both"
                : $"say which job to {verb} with -j/--job-name NAME, or --all for all your jobman jobs");
        }

        return name;
    }

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
