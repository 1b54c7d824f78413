namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// How the double's controllers run, like a controller-runtime work loop reduced to one key: a pass on every store
/// change and at least every resync interval, until disposed. A pass that throws is recorded in
/// <see cref="BackgroundErrors"/> and the loop goes on, so one bug does not stop the controller for a whole test run.
/// </summary>
internal sealed class ControllerLoop : IAsyncDisposable
{
    private readonly string _name;
    private readonly ClusterStore _store;
    private readonly TimeSpan _resync;
    private readonly BackgroundErrors _errors;
    private readonly Action _pass;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ControllerLoop(string name, ClusterStore store, TimeSpan resync, BackgroundErrors errors, Action pass)
    {
        _name = name;
        _store = store;
        _resync = resync;
        _errors = errors;
        _pass = pass;
        _store.Changed += Wake;
        _loop = Task.Run(LoopAsync);
    }

    public async ValueTask DisposeAsync()
    {
        _store.Changed -= Wake;
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                _pass();
                await _wake.WaitAsync(_resync, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _errors.Add(_name, ex);
            }
        }
    }
}
