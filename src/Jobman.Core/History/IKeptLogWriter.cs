namespace Jobman.Core.History;

/// <summary>Receives the bytes of a log as they are streamed, to keep a local copy (see <see cref="IJobJournal.StartLogCopy"/>).</summary>
public interface IKeptLogWriter : IDisposable
{
    /// <summary>Appends bytes exactly as the kubelet sent them. Never throws (a failing copy stops quietly).</summary>
    /// <param name="bytes">The bytes.</param>
    void Write(ReadOnlySpan<byte> bytes);

    /// <summary>Says the stream reached the end of the container's log (not cut short by Ctrl+C or an error).</summary>
    void MarkWhole();
}
