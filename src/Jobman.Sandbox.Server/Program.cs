using Jobman.Sandbox.Kubernetes;
using Jobman.Sandbox.World;

namespace Jobman.Sandbox.Server;

/// <summary>
/// Starts the sandbox (Kubernetes API server and Harbor registry, see <see cref="SandboxWorld"/>), writes the
/// kubeconfig and the settings beside it, prints <c>harbor URL</c>, <c>settings PATH</c> and last <c>ready URL</c>,
/// and runs until its standard input closes (the parent jobman ended) or it is terminated.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var kubeconfig = Argument(args, "--kubeconfig");
        var ns = Argument(args, "--namespace");
        var user = Argument(args, "--user");
        if (kubeconfig is null || ns is null || user is null)
        {
            await Console.Error.WriteLineAsync("usage: Jobman.Sandbox.Server --kubeconfig FILE --namespace NS --user NAME [--kueue]");
            return 2;
        }

        // Human-scale timings: the test defaults poll every 50 ms, which would keep a core busy for nothing.
        SandboxWorld world;
        try
        {
            world = await SandboxWorld.StartAsync(kubeconfig, ns, user, new KubernetesApiServerOptions
            {
                PodRetryDelay = TimeSpan.FromSeconds(2),
                ContainerCreatingDuration = TimeSpan.FromMilliseconds(300),
                ControllerResyncInterval = TimeSpan.FromMilliseconds(500),
                NodeName = "sandbox-node",
                Kueue = args.Contains("--kueue"),
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // One line for the parent jobman to show; never a stack trace.
            await Console.Error.WriteLineAsync($"cannot write the sandbox files beside '{kubeconfig}': {ex.Message}");
            return 2;
        }

        await using var started = world;
        Console.WriteLine($"harbor {world.Harbor.Url}");
        Console.WriteLine($"settings {world.SettingsPath}");
        Console.WriteLine($"ready {world.Kubernetes.BaseUri}");

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        var stdinClosed = Task.Run(() =>
        {
            while (Console.In.ReadLine() is not null)
            {
            }
        });
        await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        return 0;
    }

    private static string? Argument(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
