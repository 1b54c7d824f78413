namespace Jobman.Sandbox.Kubernetes;

/// <summary>Unexpected exceptions of the controller and kubelet loops: kept (and printed) instead of silently lost.</summary>
internal sealed class BackgroundErrors
{
    private readonly List<Exception> _errors = [];

    public void Add(string where, Exception error)
    {
        lock (_errors)
        {
            _errors.Add(new InvalidOperationException($"k8s double: {where}: {error.Message}", error));
        }

        Console.Error.WriteLine($"k8s double: {where}: {error}");
    }

    public IReadOnlyList<Exception> Snapshot()
    {
        lock (_errors)
        {
            return _errors.ToList();
        }
    }
}
