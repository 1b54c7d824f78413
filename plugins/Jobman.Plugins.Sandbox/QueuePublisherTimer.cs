using System.Diagnostics;
using Jobman.Core.Output;

namespace Jobman.Plugins.Sandbox;

/// <summary>
/// Does in the sandbox what the CronJob of <c>deploy/</c> does on a cluster: runs <c>jobman queue publish</c> as the
/// publisher's service account (kubeconfig context <c>jobman-sandbox-publisher</c>, least-privilege RBAC) once at start
/// and then every <see cref="Interval"/>, so <c>jobman queue</c> shows the sandbox's jobs. A failing run is reported once
/// (and its recovery), never on every tick.
/// </summary>
internal sealed class QueuePublisherTimer(string settingsPath, IOutput output) : IAsyncDisposable
{
    public const string PublisherContext = "jobman-sandbox-publisher";

    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private bool _failing;

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Publishes once (so the queue exists before any command runs), then keeps publishing in the background.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await PublishAsync(cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                await PublishAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The sandbox stops.
        }
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunPublisherAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or Core.JobmanException)
        {
            // The sandbox stays usable without a queue; say why once.
            Report(false, ex.Message);
        }
    }

    private async Task RunPublisherAsync(CancellationToken cancellationToken)
    {
        var (program, prefix) = DotnetHost.Jobman();
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[.. prefix, "--settings", settingsPath, "queue", "publish", "--context", PublisherContext])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await stdout.ConfigureAwait(false);
        var errors = (await stderr.ConfigureAwait(false)).Trim();
        Report(process.ExitCode == 0, $"exit {process.ExitCode}: {errors}");
    }

    private void Report(bool succeeded, string problem)
    {
        if (!succeeded && !_failing)
        {
            _failing = true;
            output.Warn($"the sandbox's queue publisher failed ({problem})");
        }
        else if (succeeded && _failing)
        {
            _failing = false;
            output.Info("the sandbox's queue publisher works again");
        }
    }
}
