namespace Jobman.Sandbox.Kubernetes;

/// <summary>Arms faults for the next matching requests. Thread-safe.</summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<Armed> _armed = [];

    private sealed class Armed(int remaining, Fault fault, string? pathContains)
    {
        public int Remaining { get; set; } = remaining;

        public Fault Fault { get; } = fault;

        public string? PathContains { get; } = pathContains;
    }

    /// <summary>When true every <c>continue</c> token is answered with 410 Expired (as after an etcd compaction).</summary>
    public bool ExpireContinueTokens { get; set; }

    /// <summary>
    /// The next <paramref name="count"/> requests whose path contains <paramref name="pathContains"/> (any path when null)
    /// get <paramref name="fault"/>. Log-stream drops only count follow log requests.
    /// </summary>
    public void Next(int count, Fault fault, string? pathContains = null)
    {
        lock (_gate)
        {
            _armed.Add(new Armed(count, fault, pathContains));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _armed.Clear();
            ExpireContinueTokens = false;
        }
    }

    /// <summary>Takes one armed fault for this request, if any.</summary>
    internal Fault? Take(string path, bool isFollowLog)
    {
        lock (_gate)
        {
            foreach (var armed in _armed)
            {
                if (armed.Remaining <= 0 || (armed.PathContains is not null && !path.Contains(armed.PathContains, StringComparison.Ordinal)))
                {
                    continue;
                }

                if (armed.Fault is DropLogStreamFault != isFollowLog)
                {
                    continue;
                }

                armed.Remaining--;
                return armed.Fault;
            }

            return null;
        }
    }
}
