namespace Jobman.Plugins.KubernetesQueue.Model;

/// <summary>One active (unfinished) job as the publisher sees it.</summary>
/// <param name="Namespace">The job's namespace.</param>
/// <param name="Name">The job's name.</param>
/// <param name="ControllerUid">The job's UID (the original wrote the <c>controller-uid</c> label).</param>
/// <param name="Created">The job's creation time: its place in line.</param>
/// <param name="Phase">Derived from its pods: Pending, Running or Suspended.</param>
/// <param name="Flavor">The flavor name from the job's annotation or label, when set.</param>
/// <param name="Requests">The first container's resource requests (quantity strings).</param>
internal sealed record QueueJob(
    string Namespace,
    string Name,
    string? ControllerUid,
    DateTimeOffset? Created,
    string Phase,
    string? Flavor,
    IReadOnlyDictionary<string, string> Requests);
