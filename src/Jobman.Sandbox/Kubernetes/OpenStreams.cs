namespace Jobman.Sandbox.Kubernetes;

/// <summary>Counts watch and follow-log streams whose headers have been sent and that are still open.</summary>
internal sealed class OpenStreams
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Lease Open()
    {
        Interlocked.Increment(ref _count);
        return new Lease(this);
    }

    internal readonly struct Lease(OpenStreams owner) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref owner._count);
    }
}
