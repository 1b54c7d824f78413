namespace Jobman.Sandbox.Kubernetes;

/// <summary>One served resource: where it lives in the API and how apiserver names it in lists and errors.</summary>
internal sealed record ResourceType(string Plural, string Group, string Version, string Kind, bool Namespaced)
{
    public static readonly ResourceType Jobs = new("jobs", "batch", "v1", "Job", true);
    public static readonly ResourceType Pods = new("pods", "", "v1", "Pod", true);
    public static readonly ResourceType ConfigMaps = new("configmaps", "", "v1", "ConfigMap", true);
    public static readonly ResourceType Namespaces = new("namespaces", "", "v1", "Namespace", false);

    /// <summary>Served read-only (empty unless seeded) so describe-style clients that list events keep working.</summary>
    public static readonly ResourceType Events = new("events", "", "v1", "Event", true);

    /// <summary>events.k8s.io/v1: a converted view of the core/v1 events (stored as <see cref="Events"/>).</summary>
    public static readonly ResourceType EventsV1 = new("events", "events.k8s.io", "v1", "Event", true);

    // Kueue's custom resources: v1beta2 is the storage version, v1beta1 is served by conversion (Kueue 0.19).
    public static readonly ResourceType ResourceFlavors = new("resourceflavors", KueueGroup, "v1beta2", "ResourceFlavor", false);
    public static readonly ResourceType ClusterQueues = new("clusterqueues", KueueGroup, "v1beta2", "ClusterQueue", false);
    public static readonly ResourceType LocalQueues = new("localqueues", KueueGroup, "v1beta2", "LocalQueue", true);
    public static readonly ResourceType Workloads = new("workloads", KueueGroup, "v1beta2", "Workload", true);
    public static readonly ResourceType WorkloadPriorityClasses = new("workloadpriorityclasses", KueueGroup, "v1beta2", "WorkloadPriorityClass", false);

    public static readonly IReadOnlyList<ResourceType> Kueue = [ResourceFlavors, ClusterQueues, LocalQueues, Workloads, WorkloadPriorityClasses];

    public static readonly IReadOnlyList<ResourceType> KueueV1Beta1 = Kueue.Select(t => t with { Version = "v1beta1" }).ToList();

    public static readonly IReadOnlyList<ResourceType> All = [Jobs, Pods, ConfigMaps, Namespaces, Events, EventsV1, .. Kueue, .. KueueV1Beta1];

    public const string KueueGroup = "kueue.x-k8s.io";

    /// <summary>The type whose storage holds this type's objects (itself, except for events.k8s.io events and Kueue's v1beta1).</summary>
    public ResourceType Storage => this == EventsV1 ? Events : IsKueue && Version != "v1beta2" ? Kueue.First(t => t.Kind == Kind) : this;

    public bool IsKueue => Group == KueueGroup;

    /// <summary>Kinds whose status is written only through the <c>/status</c> subresource (the main resource keeps it).</summary>
    public bool HasStatusSubresource => this == Jobs || (IsKueue && Kind is "ClusterQueue" or "LocalQueue" or "Workload");

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string ListKind => Kind + "List";

    /// <summary>"jobs.batch" or "pods": the group-qualified resource used in NotFound/Forbidden messages.</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>"Job.batch" or "ConfigMap": the group-qualified kind used in Invalid messages.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    /// <summary>The served type of that group and resource (its preferred version when <paramref name="version"/> is null).</summary>
    public static ResourceType? Find(string group, string plural, string? version = null) =>
        All.FirstOrDefault(t => t.Group == group && t.Plural == plural && (version is null || t.Version == version));
}
