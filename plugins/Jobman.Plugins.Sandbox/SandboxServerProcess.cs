using System.Diagnostics;
using System.Runtime.InteropServices;
using Jobman.Core;

namespace Jobman.Plugins.Sandbox;

/// <summary>
/// The sandbox API server child process. It stops when this object is disposed, and by itself when jobman dies
/// (its stdin closes), so no server outlives the command.
/// </summary>
internal sealed class SandboxServerProcess : IDisposable
{
    private readonly Process _process;

    private SandboxServerProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<SandboxServerProcess> StartAsync(string kubeconfig, string ns, string user, CancellationToken cancellationToken)
    {
        var serverDll = Path.Combine(Path.GetDirectoryName(typeof(SandboxServerProcess).Assembly.Location)!, "server", "Jobman.Sandbox.Server.dll");
        if (!File.Exists(serverDll))
        {
            throw new JobmanException($"the sandbox server is missing ({serverDll}); reinstall jobman");
        }

        var info = new ProcessStartInfo(DotnetExecutable())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "exec", serverDll, "--kubeconfig", kubeconfig, "--namespace", ns, "--user", user })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new JobmanException("could not start the sandbox server");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith("ready ", StringComparison.Ordinal))
                {
                    return new SandboxServerProcess(process, new Uri(line["ready ".Length..]));
                }
            }

            var error = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            // Its first line says why; anything after it (a runtime's stack trace) is not for the user.
            var reason = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
            throw new JobmanException($"the sandbox server stopped before it was ready: {reason}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            throw new JobmanException("the sandbox server did not start within 30 s");
        }
        catch
        {
            Kill(process);
            throw;
        }
    }

    public void Dispose()
    {
        Kill(_process);
        _process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>The dotnet host running jobman itself (a global tool's own executable is an app host, not dotnet).</summary>
    private static string DotnetExecutable()
    {
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var root = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var candidate = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(candidate) ? candidate : "dotnet";
    }
}
