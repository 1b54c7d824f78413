namespace Jobman.Core.Settings;

/// <summary>The <c>kubeConfig</c> section as read; see <see cref="SettingsJson"/>.</summary>
internal sealed class KubeConfigSection
{
    public string? Type { get; set; }

    public string? File { get; set; }

    public KubeConfigSettings ToSettings()
    {
        var defaults = new KubeConfigSettings();
        return new KubeConfigSettings { Type = Type ?? defaults.Type, File = File };
    }
}
