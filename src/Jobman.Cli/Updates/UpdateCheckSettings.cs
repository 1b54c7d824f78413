using System.Globalization;
using Jobman.Core;
using Jobman.Core.Settings;

namespace Jobman.Cli.Updates;

/// <summary>
/// Settings <c>newVersion</c> of the original: <c>check</c> (interval such as <c>24h</c>, <c>7d</c>, <c>30m</c>;
/// null, <c>never</c> or <c>0</c> turn the check off), <c>customMessage</c> (printed under the notice), and
/// <c>repository</c> (a NuGet v3 service index or folder to ask instead of the source jobman was installed from;
/// the original's <c>*.tar.gz</c> paths are ignored). <c>JOBMAN_NO_UPDATE_CHECK=1</c> turns it off too.
/// </summary>
internal sealed record UpdateCheckSettings(TimeSpan? Interval, string? CustomMessage, string? Repository)
{
    public const string DisableVariable = "JOBMAN_NO_UPDATE_CHECK";

    /// <summary>Reads the settings; a malformed interval is warned about and turns the check off (it never fails a command).</summary>
    public static UpdateCheckSettings Read(JobmanSettings settings, Func<string, string?> environment, Action<string> warn)
    {
        var off = environment(DisableVariable) is { Length: > 0 } value && value != "0" && !value.Equals("false", StringComparison.OrdinalIgnoreCase);
        var repository = settings.GetString("newVersion.repository");
        if (repository is not null && repository.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase))
        {
            repository = null;
        }

        TimeSpan? interval = null;
        try
        {
            interval = off ? null : ParseInterval(settings.GetString("newVersion.check"));
        }
        catch (JobmanException ex)
        {
            warn(ex.Message + "; the new-version check is off");
        }

        return new(interval, settings.GetString("newVersion.customMessage"), repository);
    }

    /// <summary><c>&lt;number&gt;&lt;s|m|h|d|w&gt;</c>; null when off.</summary>
    /// <exception cref="JobmanException">A value that is not an interval (exit code 2).</exception>
    public static TimeSpan? ParseInterval(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() is "0" or "never" or "off")
        {
            return null;
        }

        var trimmed = text.Trim();
        var unit = trimmed[^1];
        if (double.TryParse(trimmed[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            TimeSpan? interval = char.ToLowerInvariant(unit) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                'w' => TimeSpan.FromDays(7 * amount),
                _ => null,
            };
            if (interval is not null)
            {
                return interval;
            }
        }

        throw JobmanException.Usage($"settings newVersion.check '{text}' is not an interval: use e.g. 24h, 7d or 30m, or 'never'");
    }
}
