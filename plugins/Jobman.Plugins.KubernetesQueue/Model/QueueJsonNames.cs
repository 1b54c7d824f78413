namespace Jobman.Plugins.KubernetesQueue.Model;

/// <summary>
/// Property names of the queue document. The full form keeps the original's names (<c>updated</c>, <c>jobs</c>,
/// <c>namespace</c>, <c>controllerUid</c>, <c>podStatus</c>, <c>resources.flavor/requests</c>) so jobman 1.3.16 can
/// still read it; <c>name</c>, <c>phase</c>, <c>format</c> and <c>compact</c> are additions older readers ignore.
/// </summary>
internal static class QueueJsonNames
{
    public const string FullFormat = "jobman.queue/v1";
    public const string CompactFormat = "jobman.queue/v2-compact";

    public const string Updated = "updated";
    public const string Format = "format";
    public const string Jobs = "jobs";
    public const string Compact = "compact";

    public const string Namespace = "namespace";
    public const string Name = "name";
    public const string ControllerUid = "controllerUid";
    public const string PodStatus = "podStatus";
    public const string Phase = "phase";
    public const string Resources = "resources";
    public const string Flavor = "flavor";
    public const string Requests = "requests";

    public const string TimeBase = "timeBase";
    public const string TimeResolution = "timeResolution";
    public const string Groups = "groups";
    public const string Rows = "rows";
    public const string Group = "group";
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Other = "other";
    public const string PendingCreated = "pendingCreated";

    /// <summary>The namespace of a compact row that merges every namespace (per-user counts dropped).</summary>
    public const string AllNamespaces = "*";
}
