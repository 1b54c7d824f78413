using Jobman.Core.Settings;

namespace Jobman.Plugins.History;

/// <summary>The <c>history</c> settings section.</summary>
internal sealed class HistorySettings
{
    public const string SectionName = "history";

    /// <summary>Record the jobs jobman sees in <c>~/.jobman/history.db</c>.</summary>
    public bool Journal { get; set; } = true;

    /// <summary>Keep a copy of the logs that <c>submit --follow/--wait</c> and <c>logs -f</c> stream.</summary>
    public bool KeepLogs { get; set; } = true;

    /// <summary>At most this many MiB per job: beyond it the oldest part of the copy is dropped.</summary>
    public double LogMaxMiBPerJob { get; set; } = 10;

    /// <summary>At most this many MiB for all kept logs: beyond it the least recently written copies are deleted.</summary>
    public double LogMaxMiBTotal { get; set; } = 200;

    public long MaxBytesPerJob => (long)(Math.Max(0.001, LogMaxMiBPerJob) * 1024 * 1024);

    public long MaxBytesTotal => (long)(Math.Max(0.001, LogMaxMiBTotal) * 1024 * 1024);

    public static HistorySettings From(JobmanSettings settings) =>
        settings.Section(SectionName, HistorySettingsJson.Default.HistorySettings) ?? new HistorySettings();
}

