namespace Jobman.Cli.Hosting;

/// <summary>
/// Standard output that notices when its reader has gone (<c>jobman logs | head -1</c>): the first failed write
/// marks it closed and cancels the command, so jobman stops at once and quietly with exit code 0, as kubectl and
/// coreutils do. .NET ignores SIGPIPE, so a closed pipe shows up here as an <see cref="IOException"/> (EPIPE).
/// </summary>
internal sealed class StandardOutputStream(Stream inner, Action onClosed) : Stream
{
    private volatile bool _closed;

    /// <summary>True once a write failed or <see cref="MarkClosed"/> was called.</summary>
    public bool IsClosed => _closed;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Called when the reader is known to be gone without a write (see <see cref="ClosedOutputWatcher"/>).</summary>
    public void MarkClosed()
    {
        if (!_closed)
        {
            _closed = true;
            onClosed();
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Guard(() => inner.Write(buffer, offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfClosed();
        try
        {
            inner.Write(buffer);
        }
        catch (IOException ex)
        {
            throw Closed(ex);
        }
    }

    public override void Flush() => Guard(inner.Flush);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Guard(Action write)
    {
        ThrowIfClosed();
        try
        {
            write();
        }
        catch (IOException ex)
        {
            throw Closed(ex);
        }
    }

    private void ThrowIfClosed()
    {
        if (_closed)
        {
            throw new StandardOutputClosedException(null);
        }
    }

    private StandardOutputClosedException Closed(IOException cause)
    {
        MarkClosed();
        return new StandardOutputClosedException(cause);
    }
}
