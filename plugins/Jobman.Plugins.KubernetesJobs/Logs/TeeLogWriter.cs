using System.Text;
using Jobman.Core.History;

namespace Jobman.Plugins.KubernetesJobs.Logs;

/// <summary>
/// Passes the log to its target and the same bytes to a kept copy: chars are turned back into bytes with the encoding
/// they were decoded with (Latin-1 for a byte stream, see <see cref="ByteExactLogTarget"/>), so the copy is the log
/// as the kubelet sent it.
/// </summary>
internal sealed class TeeLogWriter : TextWriter
{
    private readonly TextWriter _target;
    private readonly IKeptLogWriter _copy;
    private readonly Encoding _decoding;

    public TeeLogWriter(TextWriter target, IKeptLogWriter copy, Encoding decoding)
    {
        _target = target;
        _copy = copy;
        _decoding = decoding;
        NewLine = target.NewLine;
    }

    public override Encoding Encoding => _target.Encoding;

    public override void Write(char value)
    {
        _target.Write(value);
        Copy([value]);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        _target.Write(buffer, index, count);
        Copy(buffer.AsSpan(index, count));
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        _target.Write(buffer);
        Copy(buffer);
    }

    public override void Write(string? value)
    {
        _target.Write(value);
        Copy(value);
    }

    public override void Flush() => _target.Flush();

    public override Task FlushAsync() => _target.FlushAsync();

    public override Task FlushAsync(CancellationToken cancellationToken) => _target.FlushAsync(cancellationToken);

    private void Copy(ReadOnlySpan<char> chars)
    {
        if (!chars.IsEmpty)
        {
            _copy.Write(_decoding.GetBytes(chars.ToArray()));
        }
    }
}
