using System.Text.Json.Nodes;

namespace Jobman.Core.Settings;

/// <summary>The <c>job</c> settings used by <c>submit</c>.</summary>
public sealed record JobSettings
{
    /// <summary>Annotations added to every job.</summary>
    public IReadOnlyList<AnnotationSetting>? Annotations { get; init; }

    /// <summary>Image used when <c>-i</c> is absent.</summary>
    public string? DefaultImage { get; init; }

    /// <summary>Prepended verbatim to the image (e.g. <c>harbor.example/project/</c>).</summary>
    public string? ImagePrefix { get; init; }

    /// <summary>ConfigMap in the user's namespace whose <c>ceph.gid</c> becomes the supplemental group.</summary>
    public string? UserConfigmap { get; init; }

    /// <summary>Copied to the pod spec when set.</summary>
    public string? PriorityClassName { get; init; }

    /// <summary>
    /// Kueue LocalQueue of the user's namespace that jobs join when <c>submit --queue</c> is absent (Jobman.Core 1.2):
    /// label <c>kueue.x-k8s.io/queue-name</c>, created suspended so that Kueue admits them.
    /// </summary>
    public string? Queue { get; init; }

    /// <summary>Copied to the pod's securityContext (null: omitted).</summary>
    public JsonObject? SecurityContext { get; init; }

    /// <summary>Flavor settings.</summary>
    public ResourcesSettings Resources { get; init; } = new();
}
