using Jobman.Core.History;

namespace Jobman.Plugins.History.Logs;

/// <summary>
/// Writes a log copy in numbered segments of at most <c>segmentBytes</c> each and keeps only the last two, so a copy
/// never holds more than twice that (<c>history.logMaxMiBPerJob</c>) and always holds the log's end, which is where a
/// failed job says why. A write that fails (disk full) ends the copy quietly: the log on the terminal matters more.
/// </summary>
internal sealed class SegmentedLogWriter(string folder, string stem, long segmentBytes, Action<long, bool> finished) : IKeptLogWriter
{
    private static readonly UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private FileStream? _segment;
    private long _number = -1;
    private long _streamed;
    private bool _whole;
    private bool _failed;
    private bool _disposed;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_failed || _disposed || bytes.IsEmpty)
        {
            return;
        }

        _streamed += bytes.Length;
        try
        {
            while (!bytes.IsEmpty)
            {
                if (_segment is null || _segment.Length >= segmentBytes)
                {
                    NextSegment();
                }

                var room = (int)Math.Min(bytes.Length, Math.Max(1, segmentBytes - _segment!.Length));
                _segment.Write(bytes[..room]);
                bytes = bytes[room..];
            }

            _segment?.Flush();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _failed = true;
            _segment?.Dispose();
            _segment = null;
        }
    }

    public void MarkWhole() => _whole = true;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _segment?.Dispose();
        finished(_streamed, _whole && !_failed);
    }

    private void NextSegment()
    {
        _segment?.Dispose();
        _number++;
        File.Delete(SegmentPath(_number - 2));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFile;
        }

        _segment = new FileStream(SegmentPath(_number), options);
    }

    private string SegmentPath(long number) => Path.Combine(folder, $"{stem}.{number}.log");
}
