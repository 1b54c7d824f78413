using System.Runtime.CompilerServices;

namespace Jobman.Plugins.KubernetesJobs.Logs;

/// <summary>
/// The buffer a log is read into and cut into lines in place, so no string is made per line. A line cut off by the
/// end of a read stays at the front of the buffer until the rest arrives; the buffer doubles while such a line fills
/// half of it and shrinks back after it, so memory is bounded by the longest line, not by the log.
/// </summary>
internal sealed class LogLineBuffer
{
    public const int InitialChars = 64 * 1024;

    private char[] _chars = new char[InitialChars];

    /// <summary>The first char of the line not taken yet.</summary>
    private int _start;

    /// <summary>Chars from <see cref="_start"/> up to here hold no newline (no need to look at them again).</summary>
    private int _scanned;

    private int _end;

    /// <summary>The buffer's current size in chars.</summary>
    public int Capacity => _chars.Length;

    /// <summary>The unfilled part of the buffer to read into, at least half of it (call <see cref="Filled"/> after).</summary>
    public Memory<char> FreeSpace()
    {
        var pending = _end - _start;
        var size = _chars.Length;
        if (size - pending < size / 2)
        {
            size *= 2;
        }
        else if (size > InitialChars && pending <= InitialChars / 2)
        {
            size = InitialChars;
        }

        var target = size == _chars.Length ? _chars : new char[size];
        if (_start > 0 || target != _chars)
        {
            _chars.AsSpan(_start, pending).CopyTo(target);
            _chars = target;
            _scanned -= _start;
            _start = 0;
            _end = pending;
        }

        return _chars.AsMemory(_end);
    }

    public void Filled(int count) => _end += count;

    /// <summary>The next complete line, without its <c>\n</c>; valid until the next <see cref="FreeSpace"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryTakeLine(out ReadOnlySpan<char> line)
    {
        var newline = _chars.AsSpan(_scanned, _end - _scanned).IndexOf('\n');
        if (newline < 0)
        {
            _scanned = _end;
            line = default;
            return false;
        }

        var end = _scanned + newline;
        line = _chars.AsSpan(_start, end - _start);
        _start = _scanned = end + 1;
        return true;
    }

    /// <summary>What is left after the last newline (a last line without one), or null when nothing is.</summary>
    public string? TakeRest()
    {
        if (_end == _start)
        {
            return null;
        }

        var rest = new string(_chars, _start, _end - _start);
        _start = _scanned = _end;
        return rest;
    }
}
