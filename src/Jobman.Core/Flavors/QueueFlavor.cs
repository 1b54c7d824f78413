namespace Jobman.Core.Flavors;

/// <summary>
/// A flavor of a scheduler's queue the user can submit to (a Kueue ResourceFlavor of a ClusterQueue reached through
/// a LocalQueue): not a set of requests to pick with <c>submit -r</c>, but where jobs of that queue may run and how
/// much of it there is.
/// </summary>
/// <param name="Name">The flavor's name in the queue system.</param>
/// <param name="Source">The source shown by <c>resources-flavors</c>, e.g. <c>kueue</c>.</param>
/// <param name="Queue">The queue of the user's namespace it is reached through (a LocalQueue).</param>
/// <param name="SharedQueue">The queue that holds the quota (a ClusterQueue).</param>
/// <param name="Quota">Quota per resource; null when it may not be read.</param>
/// <param name="Used">What the shared queue's admitted jobs hold per resource; null when it may not be read.</param>
/// <param name="NodeLabels">Labels of the nodes its jobs are placed on; empty when none or unreadable.</param>
/// <remarks>Added in Jobman.Core 1.3.</remarks>
public sealed record QueueFlavor(
    string Name,
    string Source,
    string Queue,
    string SharedQueue,
    IReadOnlyDictionary<string, string>? Quota,
    IReadOnlyDictionary<string, string>? Used,
    IReadOnlyDictionary<string, string> NodeLabels);
