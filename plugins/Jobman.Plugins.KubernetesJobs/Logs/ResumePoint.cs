using System.Runtime.CompilerServices;

namespace Jobman.Plugins.KubernetesJobs.Logs;

/// <summary>
/// How far a log follower got: the last timestamp printed and how many lines carried it. After a reconnect with
/// <c>sinceTime</c> the server repeats lines from that second on; this decides which of them were already printed.
/// </summary>
internal sealed class ResumePoint
{
    private int _seenAtLast;
    private int _skipEqual;

    public LogTimestamp? Last { get; private set; }

    public long Printed { get; set; }

    /// <summary>Call when a new stream starts after the first: lines stamped like the last one come again.</summary>
    public void Reconnected() => _skipEqual = _seenAtLast;

    /// <summary>True when the line with <paramref name="stamp"/> is new and must be printed (and records it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Accept(LogTimestamp stamp)
    {
        if (Last is { } last)
        {
            var order = stamp.CompareTo(last);
            if (order < 0)
            {
                return false;
            }

            if (order == 0 && _skipEqual > 0)
            {
                _skipEqual--;
                return false;
            }
        }

        Printed++;
        if (Last == stamp)
        {
            _seenAtLast++;
        }
        else
        {
            Last = stamp;
            _seenAtLast = 1;
            _skipEqual = 0;
        }

        return true;
    }
}
