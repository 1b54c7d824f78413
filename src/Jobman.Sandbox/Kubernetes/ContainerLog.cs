namespace Jobman.Sandbox.Kubernetes;

/// <summary>The output of one container run, line by line with the kubelet's receive timestamps; followers await growth.</summary>
internal sealed class ContainerLog
{
    private readonly object _gate = new();
    private readonly List<LogLine> _lines = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _ended;

    internal sealed record LogLine(DateTimeOffset Time, byte[] Data);

    public static ContainerLog Finished(string text)
    {
        var log = new ContainerLog();
        log.AppendText(text);
        log.End();
        return log;
    }

    public void AppendText(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                Append(bytes.AsSpan(start, i - start + 1));
                start = i + 1;
            }
        }

        if (start < bytes.Length)
        {
            Append(bytes.AsSpan(start));
        }
    }

    public void Append(ReadOnlySpan<byte> line)
    {
        lock (_gate)
        {
            _lines.Add(new LogLine(DateTimeOffset.UtcNow, line.ToArray()));
            Signal();
        }
    }

    public void End()
    {
        lock (_gate)
        {
            _ended = true;
            Signal();
        }
    }

    /// <summary>Lines from <paramref name="from"/> on, whether the container has stopped, and a task completing on the next change.</summary>
    public (List<LogLine> Lines, bool Ended, Task Changed) Read(int from)
    {
        lock (_gate)
        {
            return (_lines.Skip(from).ToList(), _ended, _changed.Task);
        }
    }

    private void Signal()
    {
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }
}
