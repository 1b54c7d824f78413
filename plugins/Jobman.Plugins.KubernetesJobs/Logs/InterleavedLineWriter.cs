using System.Text;

namespace Jobman.Plugins.KubernetesJobs.Logs;

/// <summary>
/// Lets several logs stream into one output at once: each writer collects a line and hands it over whole, so lines
/// of different tasks interleave but never mix.
/// </summary>
internal sealed class InterleavedLineWriter(TextWriter target, object gate) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => target.Encoding;

    public override void Write(char value)
    {
        _line.Append(value);
        if (value == '\n')
        {
            Hand();
        }
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        _line.Append(buffer);
        if (buffer.Contains('\n'))
        {
            Hand();
        }
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void WriteLine(ReadOnlySpan<char> buffer)
    {
        _line.Append(buffer).Append('\n');
        Hand();
    }

    public override void Flush()
    {
        lock (gate)
        {
            target.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }

    private void Hand()
    {
        lock (gate)
        {
            foreach (var chunk in _line.GetChunks())
            {
                target.Write(chunk.Span);
            }
        }

        _line.Clear();
    }
}
