using System.Diagnostics;
using Jobman.Sandbox.Kubernetes;
using Jobman.Testing.Prerequisites;

namespace Jobman.Testing.Tests.Kubernetes;

/// <summary>
/// Runs a script with the official Python client (Debian's python3-kubernetes) against the double, through a
/// kubeconfig in a temp folder; the script gets <c>config.load_kube_config()</c> already called.
/// </summary>
public sealed class PythonClientRunner : IDisposable
{
    private readonly string _folder;
    private readonly string _kubeconfig;
    private readonly string _python;

    public PythonClientRunner(KubernetesApiServer server, string token, string @namespace)
    {
        _python = Prerequisite.PythonKubernetes();
        _folder = Directory.CreateTempSubdirectory("python-client-").FullName;
        _kubeconfig = server.WriteKubeconfig(Path.Combine(_folder, "kubeconfig"), token, @namespace);
    }

    public async Task<KubectlResult> RunAsync(string script)
    {
        var file = Path.Combine(_folder, "script.py");
        await File.WriteAllTextAsync(file, "from kubernetes import client, config, watch\nconfig.load_kube_config()\n" + script);
        var info = new ProcessStartInfo(_python, [file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder,
        };
        info.Environment["KUBECONFIG"] = _kubeconfig;
        info.Environment["HOME"] = _folder;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the python script did not finish: {await stderr}");
        }

        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind must not fail a test.
        }
    }
}
