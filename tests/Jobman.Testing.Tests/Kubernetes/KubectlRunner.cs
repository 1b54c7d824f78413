using System.Diagnostics;
using Jobman.Sandbox.Kubernetes;
using Jobman.Testing.Prerequisites;

namespace Jobman.Testing.Tests.Kubernetes;

/// <summary>
/// Runs the real <c>kubectl</c> binary against a kubeconfig in a temp folder, with HOME pointing at a temp folder
/// (discovery cache included) so the user's ~/.kube is never read or written.
/// </summary>
public sealed class KubectlRunner : IDisposable
{
    private readonly string _folder;

    public KubectlRunner(KubernetesApiServer server, string? token, string? @namespace = null)
    {
        _folder = Directory.CreateTempSubdirectory("kubectl-home-").FullName;
        KubeconfigPath = server.WriteKubeconfig(Path.Combine(_folder, "kubeconfig"), token, @namespace);
    }

    public string KubeconfigPath { get; }

    public string HomeDirectory => _folder;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public async Task<KubectlResult> RunAsync(params string[] args) => await RunWithInputAsync(null, args);

    public async Task<KubectlResult> RunWithInputAsync(string? stdin, params string[] args)
    {
        var startInfo = new ProcessStartInfo(Prerequisite.Kubectl())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = _folder,
        };
        startInfo.ArgumentList.Add("--kubeconfig");
        startInfo.ArgumentList.Add(KubeconfigPath);
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment.Remove("KUBECONFIG");
        startInfo.Environment["HOME"] = _folder;
        startInfo.Environment["KUBECACHEDIR"] = Path.Combine(_folder, "cache");

        using var process = Process.Start(startInfo)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within {Timeout}: {await stderr}");
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
