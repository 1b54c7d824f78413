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

    public static readonly IReadOnlyList<ResourceType> All = [Jobs, Pods, ConfigMaps, Namespaces, Events, EventsV1];

    /// <summary>The type whose storage holds this type's objects (itself, except for events.k8s.io events).</summary>
    public ResourceType Storage => this == EventsV1 ? Events : this;

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string ListKind => Kind + "List";

    /// <summary>"jobs.batch" or "pods": the group-qualified resource used in NotFound/Forbidden messages.</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>"Job.batch" or "ConfigMap": the group-qualified kind used in Invalid messages.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    public static ResourceType? Find(string group, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Plural == plural);
}
