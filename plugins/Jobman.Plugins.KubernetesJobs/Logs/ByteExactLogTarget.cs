using System.Text;

namespace Jobman.Plugins.KubernetesJobs.Logs;

/// <summary>
/// Where log text goes, byte for byte as the kubelet sent it (like <c>kubectl logs</c>): when stdout is a byte stream
/// the log is decoded as Latin-1, which maps every byte to one char and back, so invalid UTF-8 and any encoding pass
/// through unchanged while the line logic (timestamps, prefixes, resume points) still works on chars. Other writers
/// (tests' in-memory output) get UTF-8 text.
/// </summary>
internal sealed class ByteExactLogTarget : IDisposable
{
    private readonly bool _owned;

    private ByteExactLogTarget(TextWriter writer, Encoding decoding, bool owned)
    {
        Writer = writer;
        Decoding = decoding;
        _owned = owned;
    }

    public TextWriter Writer { get; }

    /// <summary>How the log's bytes are read into chars.</summary>
    public Encoding Decoding { get; }

    public static ByteExactLogTarget For(TextWriter stdout)
    {
        if (stdout is StreamWriter { BaseStream: { CanWrite: true } stream })
        {
            // What is buffered as text goes first, so messages and log stay in order.
            stdout.Flush();
            return new(new StreamWriter(stream, Encoding.Latin1, 64 * 1024, leaveOpen: true) { AutoFlush = false }, Encoding.Latin1, owned: true);
        }

        return new(stdout, Encoding.UTF8, owned: false);
    }

    public void Dispose()
    {
        if (_owned)
        {
            Writer.Dispose();
        }
    }
}
