using System.Diagnostics;
using Jobman.Core;
using Jobman.Core.Commands;
using Jobman.Core.Hosting;

namespace Jobman.Plugins.Sandbox;

/// <summary>
/// <c>jobman sandbox [-- CMD...]</c>: starts a local Kubernetes API double (with a job controller that runs each
/// container's command as a local process and ignores images), a Harbor registry, the queue publisher and cluster
/// flavors, so every jobman command can be tried without a cluster. With a command, runs it with KUBECONFIG and
/// JOBMAN_SETTINGS pointing at the sandbox and stops afterwards; otherwise runs until Ctrl+C.
/// </summary>
internal sealed class SandboxCommand(JobmanEnvironment environment) : ICommand
{
    public CommandSpec Spec { get; } = new("sandbox", "Start a local Kubernetes sandbox to try jobman without a cluster (jobs run as local processes).")
    {
        AcceptsCommandArguments = true,
        Options =
        [
            OptionSpec.Value("namespace", "NS", "Your namespace in the sandbox (default 'sandbox').", 'n'),
            OptionSpec.Value("kubeconfig-out", "FILE", "Where to write the sandbox kubeconfig; settings.json and the registry files go beside it (default ~/.jobman/sandbox/kubeconfig)."),
            OptionSpec.Value("queue-interval", "SECONDS", "How often the queue publisher runs (default 15)."),
            OptionSpec.Flag("kueue", "Install Kueue in the sandbox: jobs go to LocalQueue 'user-queue' (settings job.queue) of a 4-CPU, 2-GPU ClusterQueue."),
        ],
        ExtendedHelp = """

            The sandbox is an in-memory Kubernetes API server on 127.0.0.1 with a job controller. Containers are NOT
            run in containers: each job's command runs as a local process of yours (/bin/sh -c, with its env vars),
            its output becomes the pod log and its exit code the pod's result. Images are ignored.
            It also serves a Harbor registry (project 'library': busybox, python, pytorch/pytorch, team/trainer),
            publishes the queue ConfigMap every few seconds as the publisher's service account (kubeconfig context
            jobman-sandbox-publisher; 'jobman queue publish' as yourself is refused like on a cluster) and offers
            cluster flavors (tiny-cpu, large-gpu). The kubeconfig also has a cluster-admin context, sandbox-admin.
            With --kueue it runs Kueue too: ClusterQueue sandbox-cluster-queue (4 CPUs, 16 GiB in default-flavor;
            2 GPUs in gpu-a100; lower priorities preempted), LocalQueue user-queue in your namespace (the settings'
            job.queue, so every submit is queued), WorkloadPriorityClasses high and low (submit --priority).
            The settings it uses are written beside the kubeconfig
            (settings.json) and printed on start; commands run under 'jobman sandbox -- ...' get them through
            JOBMAN_SETTINGS (merged over ~/.jobman/settings.json, under -s).

            Examples:
              jobman sandbox                      # then, in another terminal, run the two export lines it prints
              jobman sandbox -- jobman submit -i busybox --follow -- echo hello
              jobman sandbox -- bash              # a shell where every jobman command and kubectl use the sandbox
              jobman sandbox --kueue -- bash      # the same with Kueue: submit queues, 'jobman queue' shows it
            """,
    };

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var ns = invocation.Value("namespace") ?? "sandbox";
        var kubeconfig = Path.GetFullPath(invocation.Value("kubeconfig-out") ?? Path.Combine(environment.HomeDirectory, ".jobman", "sandbox", "kubeconfig"));
        var user = environment.GetVariable("USER") is { Length: > 0 } name ? name : "me";
        PrepareFolder(kubeconfig, owned: invocation.Value("kubeconfig-out") is null);
        var interval = QueueInterval(invocation.Value("queue-interval"));
        var kueue = invocation.Has("kueue");
        using var server = await SandboxServerProcess.StartAsync(kubeconfig, ns, user, kueue, cancellationToken).ConfigureAwait(false);
        var output = invocation.Output;
        output.Info($"sandbox cluster at {server.Url} (namespace '{ns}', user '{user}'); jobs run as local processes, images are ignored");
        if (kueue)
        {
            output.Info("Kueue: jobs go to LocalQueue 'user-queue' of ClusterQueue 'sandbox-cluster-queue' (4 CPUs, 16 GiB, 2 GPUs); kubectl --context sandbox-admin administers it");
        }
        output.Info($"sandbox Harbor registry at {server.HarborUrl} (project 'library'); queue published every {interval.TotalSeconds:0} s; cluster flavors in ConfigMap default/jobman-jobs-config");
        output.Info($"settings ({server.SettingsPath}, used through JOBMAN_SETTINGS):");
        // Info keeps each message on one line (newlines escaped): the multi-line JSON goes out a line at a time.
        foreach (var line in await File.ReadAllLinesAsync(server.SettingsPath, cancellationToken).ConfigureAwait(false))
        {
            output.Info(line);
        }
        await using var publisher = new QueuePublisherTimer(server.SettingsPath, output) { Interval = interval };
        await publisher.StartAsync(cancellationToken).ConfigureAwait(false);

        if (invocation.CommandArguments.Count > 0)
        {
            return await RunAsync(invocation.CommandArguments, kubeconfig, server.SettingsPath, cancellationToken).ConfigureAwait(false);
        }

        output.WriteLine($"export KUBECONFIG={kubeconfig}");
        output.WriteLine($"export JOBMAN_SETTINGS={server.SettingsPath}");
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

    private static TimeSpan QueueInterval(string? value)
    {
        if (value is null)
        {
            return TimeSpan.FromSeconds(15);
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw JobmanException.Usage($"option '--queue-interval' must be a number of seconds between 1 and 3600, not '{value}'");
    }

    private static async Task<int> RunAsync(IReadOnlyList<string> command, string kubeconfig, string settings, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(command[0]) { UseShellExecute = false };
        foreach (var arg in command.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["KUBECONFIG"] = kubeconfig;
        info.Environment["JOBMAN_SETTINGS"] = settings;
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
