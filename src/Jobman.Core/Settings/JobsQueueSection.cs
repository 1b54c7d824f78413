namespace Jobman.Core.Settings;

/// <summary>The <c>jobsQueue</c> section as read; see <see cref="SettingsJson"/>.</summary>
internal sealed class JobsQueueSection
{
    public string? Namespace { get; set; }

    public string? Configmap { get; set; }

    public List<string>? GpuResources { get; set; }

    public JobsQueueSettings ToSettings()
    {
        var defaults = new JobsQueueSettings();
        return new JobsQueueSettings
        {
            Namespace = Namespace ?? defaults.Namespace,
            Configmap = Configmap ?? defaults.Configmap,
            GpuResources = GpuResources ?? defaults.GpuResources,
        };
    }
}
