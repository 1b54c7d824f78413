using Jobman.Cli.Hosting;
using Jobman.Core.Settings;

namespace Jobman.Cli.Updates;

/// <summary>
/// The original's new-version check for the .NET tool: asks the NuGet feed jobman was installed from (or
/// settings <c>newVersion.repository</c>) whether a newer <c>jobman</c> exists, at most once per
/// <c>newVersion.check</c> interval. The question runs in the background with a short timeout and only fills the
/// cache; the notice comes from the cache, on stderr, after the command's own output. It never delays a command,
/// never changes its exit code, and says nothing when the feed cannot be asked.
/// </summary>
internal sealed class UpdateCheck
{
    public const string PackageId = "jobman";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>An attempt that got no answer (offline, or jobman exited first) is repeated after this at the earliest.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(10);

    private readonly UpdateCheckSettings _settings;
    private readonly string _cacheFile;
    private readonly PackageVersion? _current;
    private readonly string? _source;
    private readonly UpdateCheckCache? _cached;

    private UpdateCheck(UpdateCheckSettings settings, string cacheFile, PackageVersion? current, string? source, UpdateCheckCache? cached)
    {
        _settings = settings;
        _cacheFile = cacheFile;
        _current = current;
        _source = source;
        _cached = cached;
    }

    /// <summary>The check in flight (tests wait for it; the tool never does).</summary>
    public Task Pending { get; private set; } = Task.CompletedTask;

    /// <summary>Reads settings and cache, and starts asking the feed in the background when the cache is due.</summary>
    public static UpdateCheck Start(JobmanSettings settings, HostEnvironment environment, string currentVersion, Action<string> warn)
    {
        var options = UpdateCheckSettings.Read(settings, environment.GetEnvironmentVariable, warn);
        var source = options.Interval is null ? null : options.Repository ?? InstalledFeed.Find(environment.ToolDirectory);
        var cacheFile = UpdateCheckCache.FileIn(environment.HomeDirectory);
        var cached = source is null ? null : UpdateCheckCache.TryRead(cacheFile);
        var check = new UpdateCheck(options, cacheFile, PackageVersion.TryParse(currentVersion), source, cached);
        var now = DateTimeOffset.UtcNow;
        var due = cached is null || cached.Source != source
            || (now >= cached.CheckedAt + options.Interval && (cached.AttemptedAt is not { } attempted || now >= attempted + Min(RetryAfter, options.Interval!.Value)));
        if (source is not null && due)
        {
            // Stamped first, so commands started while this one asks (or after it exited early) do not ask again.
            (cached is { } old && old.Source == source ? old with { AttemptedAt = now } : new UpdateCheckCache(DateTimeOffset.MinValue, source, null, now)).TryWrite(cacheFile);
            check.Pending = Task.Run(() => check.AskAsync(source));
        }

        return check;
    }

    /// <summary>Prints the notice when the cached answer names a newer version than this one.</summary>
    public void Report(TextWriter error)
    {
        if (_cached is null || _cached.Source != _source || _current is null || PackageVersion.TryParse(_cached.Latest) is not { } latest || latest.CompareTo(_current) <= 0)
        {
            return;
        }

        error.WriteLine($"jobman {latest} is available (this is {_current}): update with 'dotnet tool update -g {PackageId}'");
        if (!string.IsNullOrWhiteSpace(_settings.CustomMessage))
        {
            error.WriteLine(_settings.CustomMessage);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private async Task AskAsync(string source)
    {
        try
        {
            using var timeout = new CancellationTokenSource(Timeout);
            using var http = new HttpClient { Timeout = Timeout };
            var versions = await new NuGetFeedClient(http).VersionsAsync(source, PackageId, timeout.Token).ConfigureAwait(false);
            // A prerelease is only offered to someone already running one.
            var latest = versions.Select(PackageVersion.TryParse).OfType<PackageVersion>()
                .Where(v => !v.IsPrerelease || _current?.IsPrerelease == true)
                .Max();
            new UpdateCheckCache(DateTimeOffset.UtcNow, source, latest?.Text).TryWrite(_cacheFile);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException or IOException or UriFormatException or ArgumentException)
        {
            // Offline, slow or odd feed: no notice. The next command asks again.
        }
    }
}
