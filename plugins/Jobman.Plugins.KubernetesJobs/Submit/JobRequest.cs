using Jobman.Core.Flavors;

namespace Jobman.Plugins.KubernetesJobs.Submit;

/// <summary>Everything <c>submit</c> decided, validated, ready to become a Job manifest.</summary>
internal sealed record JobRequest(string Name, string Namespace, string Image, ResourceFlavor Flavor)
{
    /// <summary>Tokens after <c>--</c>.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>True with <c>-c</c>: the tokens replace the image ENTRYPOINT (container <c>command</c>) instead of its CMD (<c>args</c>).</summary>
    public bool ReplaceEntrypoint { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>Annotations in the order they apply (later wins).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Annotations { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    /// <summary>Annotation key for the flavor name (settings <c>job.resources.label</c>); null: no annotation.</summary>
    public string? FlavorAnnotationKey { get; init; }

    public int BackoffLimit { get; init; }

    public int? TtlSecondsAfterFinished { get; init; }

    public long? ActiveDeadlineSeconds { get; init; }

    public string? PriorityClassName { get; init; }

    /// <summary>Kueue LocalQueue to join (label, and the job is created suspended for Kueue to admit); null: none.</summary>
    public string? KueueQueue { get; init; }

    /// <summary>Kueue WorkloadPriorityClass (label); null: the queue's default.</summary>
    public string? KueuePriority { get; init; }

    /// <summary>The pod securityContext as settings JSON (null: omitted).</summary>
    public string? SecurityContextJson { get; init; }

    /// <summary>From the user ConfigMap's <c>ceph.gid</c>: replaces <c>supplementalGroups</c>.</summary>
    public long? SupplementalGroup { get; init; }
}
