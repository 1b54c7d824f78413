using System.Diagnostics;
using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Core.Hosting;

namespace Jobman.Plugins.Sandbox;

/// <summary>
/// <c>jobman sandbox [-- CMD...]</c>: starts a local Kubernetes API double (with a job controller that runs each
/// container's command as a local process and ignores images) so every jobman command can be tried without a cluster.
/// With a command, runs it with KUBECONFIG pointing at the sandbox and stops afterwards; otherwise runs until Ctrl+C.
/// </summary>
internal sealed class SandboxCommand(JobmanEnvironment environment) : ICommand
{
    public CommandSpec Spec { get; } = new("sandbox", "Start a local Kubernetes sandbox to try jobman without a cluster (jobs run as local processes).")
    {
        AcceptsCommandArguments = true,
        Options =
        [
            OptionSpec.Value("namespace", "NS", "Your namespace in the sandbox (default 'sandbox').", 'n'),
            OptionSpec.Value("kubeconfig-out", "FILE", "Where to write the sandbox kubeconfig (default ~/.jobman/sandbox/kubeconfig)."),
        ],
        ExtendedHelp = """

            The sandbox is an in-memory Kubernetes API server on 127.0.0.1 with a job controller. Containers are NOT
            run in containers: each job's command runs as a local process of yours (/bin/sh -c, with its env vars),
            its output becomes the pod log and its exit code the pod's result. Images are ignored.

            Examples:
              jobman sandbox                      # then, in another terminal: export KUBECONFIG=~/.jobman/sandbox/kubeconfig
              jobman sandbox -- jobman submit -i busybox --follow -- echo hello
            """,
    };

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var ns = invocation.Value("namespace") ?? "sandbox";
        var kubeconfig = Path.GetFullPath(invocation.Value("kubeconfig-out") ?? Path.Combine(environment.HomeDirectory, ".jobman", "sandbox", "kubeconfig"));
        var user = environment.GetVariable("USER") is { Length: > 0 } name ? name : "me";
        PrepareFolder(kubeconfig, owned: invocation.Value("kubeconfig-out") is null);
        using var server = await SandboxServerProcess.StartAsync(kubeconfig, ns, user, cancellationToken).ConfigureAwait(false);
        var output = invocation.Output;
        output.Info($"sandbox cluster at {server.Url} (namespace '{ns}', user '{user}'); jobs run as local processes, images are ignored");

        if (invocation.CommandArguments.Count > 0)
        {
            return await RunAsync(invocation.CommandArguments, kubeconfig, cancellationToken).ConfigureAwait(false);
        }

        output.WriteLine($"export KUBECONFIG={kubeconfig}");
        output.Info("press Ctrl+C to stop the sandbox");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            output.Info("sandbox stopped");
        }

        return ExitCodes.Success;
    }

    /// <summary>The kubeconfig's folder, private (0700); a path that cannot be written is a usage error, found before the server starts.</summary>
    private static void PrepareFolder(string kubeconfig, bool owned)
    {
        try
        {
            var folder = Path.GetDirectoryName(kubeconfig)!;
            if (owned)
            {
                // ~/.jobman and ~/.jobman/sandbox are jobman's: older versions made them 0755.
                Jobman.Core.Files.PrivateFiles.CreateFolder(Path.GetDirectoryName(folder)!, tightenExisting: true);
            }

            Jobman.Core.Files.PrivateFiles.CreateFolder(folder, tightenExisting: owned);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw JobmanException.Usage($"cannot write the sandbox kubeconfig '{kubeconfig}': {ex.Message} (choose another path with --kubeconfig-out)", ex);
        }
    }

    private async Task<int> RunAsync(IReadOnlyList<string> command, string kubeconfig, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(command[0]) { UseShellExecute = false };
        foreach (var arg in command.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["KUBECONFIG"] = kubeconfig;
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new JobmanException($"could not start '{command[0]}'");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw JobmanException.Usage($"cannot run '{command[0]}': {ex.Message}", ex);
        }

        using (process)
        {
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return process.ExitCode;
        }
    }
}
