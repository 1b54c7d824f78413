namespace Jobman.Plugins.KubernetesQueue.Model;

/// <summary>
/// Jobs of one namespace with the same resources, phase and creation time. A full queue entry is a cohort of one
/// (with its name); the compact form stores cohorts with counts, so a reader never expands them one by one.
/// </summary>
/// <param name="Namespace">The namespace (<c>*</c> when the publisher had to merge namespaces).</param>
/// <param name="Flavor">The flavor name, or null.</param>
/// <param name="Requests">Resource requests of the jobs.</param>
/// <param name="Phase">Normalised phase, or null when the publisher did not record one (1.2.x).</param>
/// <param name="Created">Creation time, or null when unknown (or not kept by the compact form).</param>
/// <param name="Count">How many jobs.</param>
/// <param name="Name">The job name for a single entry, when known.</param>
internal sealed record QueueCohort(
    string Namespace,
    string? Flavor,
    IReadOnlyDictionary<string, string> Requests,
    string? Phase,
    DateTimeOffset? Created,
    long Count,
    string? Name = null);
