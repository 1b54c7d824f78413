using System.Text.Json.Nodes;

namespace Jobman.Core.Settings;

/// <summary>The <c>job</c> section as read; see <see cref="SettingsJson"/>.</summary>
internal sealed class JobSection
{
    public List<AnnotationSetting>? Annotations { get; set; }

    public string? DefaultImage { get; set; }

    public string? ImagePrefix { get; set; }

    public string? UserConfigmap { get; set; }

    public string? PriorityClassName { get; set; }

    public string? Queue { get; set; }

    public JsonObject? SecurityContext { get; set; }

    // ResourcesSettings has no initial values to lose, so it is read as it is.
    public ResourcesSettings? Resources { get; set; }

    public JobSettings ToSettings() => new()
    {
        Annotations = Annotations,
        DefaultImage = DefaultImage,
        ImagePrefix = ImagePrefix,
        UserConfigmap = UserConfigmap,
        PriorityClassName = PriorityClassName,
        Queue = Queue,
        SecurityContext = SecurityContext,
        Resources = Resources ?? new ResourcesSettings(),
    };
}
