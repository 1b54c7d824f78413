using System.Diagnostics;
using Jobman.Core;

namespace Jobman.Plugins.Sandbox;

/// <summary>
/// The sandbox API server child process. It stops when this object is disposed, and by itself when jobman dies
/// (its stdin closes), so no server outlives the command.
/// </summary>
internal sealed class SandboxServerProcess : IDisposable
{
    private readonly Process _process;

    private SandboxServerProcess(Process process, Uri url, string harborUrl, string settingsPath)
    {
        _process = process;
        Url = url;
        HarborUrl = harborUrl;
        SettingsPath = settingsPath;
    }

    /// <summary>The Kubernetes API server.</summary>
    public Uri Url { get; }

    /// <summary>The Harbor registry.</summary>
    public string HarborUrl { get; }

    /// <summary>The jobman settings written beside the kubeconfig.</summary>
    public string SettingsPath { get; }

    public static async Task<SandboxServerProcess> StartAsync(string kubeconfig, string ns, string user, bool kueue, CancellationToken cancellationToken)
    {
        var serverDll = Path.Combine(Path.GetDirectoryName(typeof(SandboxServerProcess).Assembly.Location)!, "server", "Jobman.Sandbox.Server.dll");
        if (!File.Exists(serverDll))
        {
            throw new JobmanException($"the sandbox server is missing ({serverDll}); reinstall jobman");
        }

        var info = new ProcessStartInfo(DotnetHost.Executable())
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

        if (kueue)
        {
            info.ArgumentList.Add("--kueue");
        }

        var process = Process.Start(info) ?? throw new JobmanException("could not start the sandbox server");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            string? harbor = null;
            string? settings = null;
            while (await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith("harbor ", StringComparison.Ordinal))
                {
                    harbor = line["harbor ".Length..];
                }
                else if (line.StartsWith("settings ", StringComparison.Ordinal))
                {
                    settings = line["settings ".Length..];
                }
                else if (line.StartsWith("ready ", StringComparison.Ordinal) && harbor is not null && settings is not null)
                {
                    return new SandboxServerProcess(process, new Uri(line["ready ".Length..]), harbor, settings);
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
}
