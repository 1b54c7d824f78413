using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// Simulated node: schedules pods the job controller creates, runs their containers according to the job's
/// <see cref="JobScenario"/> (by default as local <c>/bin/sh -c</c> processes) and writes pod status like a kubelet.
/// </summary>
internal sealed partial class Kubelet(ClusterStore store, JobScenarios scenarios, KubernetesApiServerOptions options, BackgroundErrors errors, EventRecorder events)
{
    private const string PullBackOffMessage =
        "Back-off pulling image \"{image}\": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": failed to resolve reference \"{image}\": {image}: not found";

    private readonly ConcurrentDictionary<string, PodExecution> _executions = new(StringComparer.Ordinal);
    private readonly PodVolumes _volumes = new(store);
    private int _podIpCounter = 10;

    private sealed class PodExecution
    {
        public CancellationTokenSource Cancel { get; } = new();

        /// <summary>Where the pod's volumes are written (see <see cref="PodVolumes"/>); removed when the pod ends.</summary>
        public string VolumeRoot { get; init; } = string.Empty;

        public ConcurrentDictionary<string, ContainerLog> Logs { get; } = new(StringComparer.Ordinal);

        /// <summary>The log of each container's previous run (restartPolicy OnFailure), for <c>previous=true</c>.</summary>
        public ConcurrentDictionary<string, ContainerLog> PreviousLogs { get; } = new(StringComparer.Ordinal);

        public volatile bool Finished;

        public Task Task { get; set; } = Task.CompletedTask;
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)|\$\$")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^metadata\.(labels|annotations)\['([^']+)'\]\z")]
    private static partial Regex FieldRefSubscript();

    public void Start(string ns, string name, string uid)
    {
        var execution = new PodExecution { VolumeRoot = Path.Combine(Path.GetTempPath(), $"jobman-pod-{uid}") };
        if (_executions.TryAdd(uid, execution))
        {
            execution.Task = Task.Run(async () =>
            {
                try
                {
                    await RunPodAsync(ns, name, uid, execution);
                }
                catch (Exception ex)
                {
                    execution.Finished = true;
                    errors.Add($"kubelet, pod {ns}/{name}", ex);
                }
                finally
                {
                    PodVolumes.TryDelete(execution.VolumeRoot);
                }
            });
        }
    }

    public bool HasRunningContainers(JsonObject pod) =>
        KubeObjects.Uid(pod) is { } uid && _executions.TryGetValue(uid, out var e) && !e.Finished;

    /// <summary>Stops the pod's containers (SIGKILL), as the kubelet does when a pod is deleted.</summary>
    public void Kill(string? uid)
    {
        if (uid is not null && _executions.TryGetValue(uid, out var e))
        {
            // Callers hold the store lock: run the cancellation callbacks (and the pod's teardown) off this thread.
            _ = e.Cancel.CancelAsync();
        }
    }

    public ContainerLog? Log(string uid, string container, bool previous = false) =>
        _executions.TryGetValue(uid, out var e) ? (previous ? e.PreviousLogs : e.Logs).GetValueOrDefault(container) : null;

    /// <summary>Replaces a container's log (tests seeding logs of pods created with <see cref="ClusterStore.PutPod"/>).</summary>
    public void SetLog(string uid, string container, string text)
    {
        var execution = _executions.GetOrAdd(uid, _ => new PodExecution { Finished = true });
        execution.Logs[container] = ContainerLog.Finished(text);
    }

    public async Task StopAllAsync()
    {
        foreach (var e in _executions.Values)
        {
            e.Cancel.Cancel();
        }

        try
        {
            await Task.WhenAll(_executions.Values.Select(e => e.Task)).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception)
        {
            // Shutting down: a pod that failed to stop in time must not fail the test run.
        }
    }

    private async Task RunPodAsync(string ns, string name, string uid, PodExecution execution)
    {
        var ct = execution.Cancel.Token;
        var pod = Snapshot(ns, name, uid);
        if (pod is null)
        {
            execution.Finished = true;
            return;
        }

        var scenario = scenarios.Get(KubeObjects.Str(pod["metadata"]?["labels"]?["batch.kubernetes.io/job-name"]), pod);
        if (scenario is ByIndexScenario byIndex)
        {
            scenario = byIndex.ScenarioOf(IndexedJobProgress.IndexOf(pod) ?? -1);
        }

        var scheduledAt = DateTimeOffset.UtcNow;
        if (scenario is UnschedulableScenario unschedulable)
        {
            execution.Finished = true;
            Update(ns, name, uid, p =>
            {
                p["status"] = PodStatuses.Unschedulable(p, scheduledAt, unschedulable.Resource);
                events.Warning(ResourceType.Pods, p, "FailedScheduling", PodStatuses.UnschedulableMessage(unschedulable.Resource), "default-scheduler");
            });
            return;
        }

        var network = new PodNetwork("10.0.3.17", $"10.244.0.{Interlocked.Increment(ref _podIpCounter) % 250}", uid);
        foreach (var container in PodStatuses.ContainerNames(pod))
        {
            execution.Logs[container] = new ContainerLog();
        }

        Update(ns, name, uid, p =>
        {
            KubeObjects.Child(p, "spec")["nodeName"] = options.NodeName;
            p["status"] = PodStatuses.Waiting(p, network, scheduledAt, scheduledAt, "ContainerCreating", null);
            events.Normal(ResourceType.Pods, p, "Scheduled", $"Successfully assigned {ns}/{name} to {options.NodeName}", "default-scheduler");
        });

        try
        {
            await MountVolumesAsync(ns, name, uid, pod, execution.VolumeRoot, ct);
            if (NonRootPolicy.Violation(pod, ns) is { } violation)
            {
                Update(ns, name, uid, p =>
                {
                    p["status"] = PodStatuses.Waiting(p, network, scheduledAt, DateTimeOffset.UtcNow, NonRootPolicy.Reason, violation);
                    events.Warning(ResourceType.Pods, p, "Failed", "Error: " + violation, "kubelet");
                });
                await Task.Delay(Timeout.Infinite, ct);
            }

            if (scenario is ImagePullBackOffScenario)
            {
                Update(ns, name, uid, p =>
                {
                    p["status"] = PodStatuses.Waiting(p, network, scheduledAt, DateTimeOffset.UtcNow, "ImagePullBackOff", PullBackOffMessage);
                    foreach (var image in PodStatuses.Containers(p).Select(c => KubeObjects.Str(c["image"]) ?? string.Empty))
                    {
                        events.Normal(ResourceType.Pods, p, "Pulling", $"Pulling image \"{image}\"", "kubelet");
                        events.Warning(ResourceType.Pods, p, "Failed", PullBackOffMessage.Replace("{image}", image, StringComparison.Ordinal)
                            .Replace("Back-off pulling image", "Failed to pull image", StringComparison.Ordinal), "kubelet");
                        events.Normal(ResourceType.Pods, p, "BackOff", $"Back-off pulling image \"{image}\"", "kubelet");
                        events.Warning(ResourceType.Pods, p, "Failed", "Error: ImagePullBackOff", "kubelet");
                    }
                });
                await Task.Delay(Timeout.Infinite, ct);
            }

            if (scenario is ContainerCreatingScenario)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            if (options.ContainerCreatingDuration > TimeSpan.Zero)
            {
                await Task.Delay(options.ContainerCreatingDuration, ct);
            }
        }
        catch (OperationCanceledException)
        {
            var now = DateTimeOffset.UtcNow;
            var unknown = PodStatuses.ContainerNames(pod)
                .Select(c => new PodStatuses.ContainerResult(c, 137, "ContainerStatusUnknown", null, now,
                    "The container could not be located when the pod was terminated"))
                .ToList();
            Finish(ns, name, uid, execution, p => p["status"] = PodStatuses.Terminated(p, network, scheduledAt, unknown));
            return;
        }

        var startedAt = DateTimeOffset.UtcNow;
        var restartOnFailure = KubeObjects.Str(pod["spec"]?["restartPolicy"]) == "OnFailure";
        var runs = PodStatuses.Containers(pod)
            .Select(c => RunWithRestartsAsync(ns, name, uid, pod, c, scenario, execution, network, restartOnFailure, ct))
            .ToList();
        Update(ns, name, uid, p =>
        {
            p["status"] = PodStatuses.Running(p, network, scheduledAt, startedAt);
            foreach (var c in PodStatuses.Containers(p))
            {
                events.Normal(ResourceType.Pods, p, "Pulled", $"Container image \"{KubeObjects.Str(c["image"])}\" already present on machine", "kubelet");
                events.Normal(ResourceType.Pods, p, "Created", $"Created container: {KubeObjects.Str(c["name"])}", "kubelet");
                events.Normal(ResourceType.Pods, p, "Started", $"Started container {KubeObjects.Str(c["name"])}", "kubelet");
            }
        });
        var results = new List<PodStatuses.ContainerResult>();
        foreach (var run in runs)
        {
            results.Add(await run);
        }

        Finish(ns, name, uid, execution, p =>
        {
            if (ct.IsCancellationRequested)
            {
                foreach (var c in PodStatuses.ContainerNames(p))
                {
                    events.Normal(ResourceType.Pods, p, "Killing", $"Stopping container {c}", "kubelet");
                }
            }

            p["status"] = PodStatuses.Terminated(p, network, scheduledAt, results);
        });
    }

    /// <summary>
    /// Sets up the pod's volumes before its containers are created; while one cannot be (a ConfigMap that does not
    /// exist yet) the pod stays ContainerCreating with a FailedMount warning, retried until it can.
    /// </summary>
    private async Task MountVolumesAsync(string ns, string name, string uid, JsonObject pod, string root, CancellationToken ct)
    {
        string? reported = null;
        while (_volumes.TrySetUp(pod, root) is { } failure)
        {
            if (failure != reported)
            {
                reported = failure;
                lock (store.Gate)
                {
                    if (store.Live(ResourceType.Pods, ns, name) is { } live && KubeObjects.Uid(live) == uid)
                    {
                        events.Warning(ResourceType.Pods, live, "FailedMount", failure, "kubelet");
                    }
                }
            }

            await Task.Delay(options.ControllerResyncInterval > TimeSpan.FromMilliseconds(20) ? options.ControllerResyncInterval : TimeSpan.FromMilliseconds(20), ct);
        }
    }

    /// <summary>
    /// Runs one container; under restartPolicy OnFailure a failed run is restarted in place after
    /// <see cref="KubernetesApiServerOptions.PodRetryDelay"/> (CrashLoopBackOff meanwhile), keeping the previous log.
    /// </summary>
    private async Task<PodStatuses.ContainerResult> RunWithRestartsAsync(string ns, string podName, string uid, JsonObject pod, JsonObject container,
        JobScenario scenario, PodExecution execution, PodNetwork network, bool restartOnFailure, CancellationToken ct)
    {
        var name = KubeObjects.Str(container["name"])!;
        var restarts = 0;
        JsonObject? lastTerminated = null;
        while (true)
        {
            var startedAt = DateTimeOffset.UtcNow;
            var (_, exitCode, reason) = await RunContainerAsync(pod, container, scenario, execution.Logs[name], execution.VolumeRoot, ct);
            var finishedAt = DateTimeOffset.UtcNow;
            if (!restartOnFailure || exitCode == 0 || ct.IsCancellationRequested)
            {
                return new PodStatuses.ContainerResult(name, exitCode, reason, startedAt, finishedAt) { RestartCount = restarts, LastTerminated = lastTerminated };
            }

            restarts++;
            var earlier = lastTerminated;
            lastTerminated = PodStatuses.TerminatedState(exitCode, reason, startedAt, finishedAt, network.ContainerId(container));
            execution.PreviousLogs[name] = execution.Logs[name];
            execution.Logs[name] = new ContainerLog();
            var waiting = new JsonObject
            {
                ["waiting"] = new JsonObject
                {
                    ["reason"] = "CrashLoopBackOff",
                    ["message"] = $"back-off 10s restarting failed container={name} pod={podName}_{ns}({uid})",
                },
            };
            var count = restarts;
            var last = lastTerminated;
            Update(ns, podName, uid, p =>
            {
                PodStatuses.SetContainerState(p, name, waiting, false, count, last, finishedAt);
                events.Warning(ResourceType.Pods, p, "BackOff", $"Back-off restarting failed container {name} in pod {podName}_{ns}({uid})", "kubelet");
            });
            try
            {
                await Task.Delay(options.PodRetryDelay, ct);
            }
            catch (OperationCanceledException)
            {
                // Killed during the back-off: the run that just failed is the final state.
                return new PodStatuses.ContainerResult(name, exitCode, reason, startedAt, finishedAt) { RestartCount = restarts - 1, LastTerminated = earlier };
            }

            var restartedAt = DateTimeOffset.UtcNow;
            Update(ns, podName, uid, p =>
            {
                var running = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = KubeObjects.Time(restartedAt) } };
                PodStatuses.SetContainerState(p, name, running, true, count, last, restartedAt);
                events.Normal(ResourceType.Pods, p, "Pulled", $"Container image \"{KubeObjects.Str(container["image"])}\" already present on machine", "kubelet");
                events.Normal(ResourceType.Pods, p, "Created", $"Created container: {name}", "kubelet");
                events.Normal(ResourceType.Pods, p, "Started", $"Started container {name}", "kubelet");
            });
        }
    }

    private async Task<(string Name, int ExitCode, string Reason)> RunContainerAsync(
        JsonObject pod, JsonObject container, JobScenario scenario, ContainerLog log, string volumeRoot, CancellationToken ct)
    {
        var name = KubeObjects.Str(container["name"])!;
        try
        {
            switch (scenario)
            {
                case ExitScenario exit:
                    log.AppendText(exit.Log);
                    return (name, exit.ExitCode, exit.ExitCode == 0 ? "Completed" : "Error");
                case OomKilledScenario:
                    return (name, 137, "OOMKilled");
                case HoldScenario:
                    var jobName = KubeObjects.Str(pod["metadata"]?["labels"]?["batch.kubernetes.io/job-name"]) ?? string.Empty;
                    var code = await scenarios.WaitForRelease(jobName).WaitAsync(ct);
                    return (name, code, code == 0 ? "Completed" : "Error");
                default:
                    var exitCode = await RunProcessAsync(pod, container, log, volumeRoot, ct);
                    return (name, exitCode, exitCode == 0 ? "Completed" : "Error");
            }
        }
        catch (OperationCanceledException)
        {
            return (name, 137, "Error");
        }
        finally
        {
            log.End();
        }
    }

    private static async Task<int> RunProcessAsync(JsonObject pod, JsonObject container, ContainerLog log, string volumeRoot, CancellationToken ct)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["HOSTNAME"] = KubeObjects.Str(pod["spec"]?["hostname"]) ?? KubeObjects.Name(pod) ?? string.Empty,
            ["HOME"] = Path.GetTempPath(),
        };
        foreach (var variable in (container["env"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = KubeObjects.Str(variable["name"]);
            if (key is null)
            {
                continue;
            }

            env[key] = variable["value"] is { } value
                ? Expand(KubeObjects.Str(value) ?? string.Empty, env)
                : FieldRef(pod, KubeObjects.Str(variable["valueFrom"]?["fieldRef"]?["fieldPath"]));
        }

        var mounts = PodVolumes.Mounts(pod, container, volumeRoot);
        var words = (container["command"] as JsonArray ?? []).Concat(container["args"] as JsonArray ?? [])
            .Select(w => PodVolumes.Rewrite(Expand(KubeObjects.Str(w) ?? string.Empty, env), mounts))
            .ToList();
        if (words.Count == 0)
        {
            return 0;
        }

        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = KubeObjects.Str(container["workingDir"]) is { } dir && Directory.Exists(dir) ? dir : Path.GetTempPath(),
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(string.Join(' ', words.Select(ShellQuote)));
        startInfo.Environment.Clear();
        foreach (var (key, value) in env)
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        var pumps = Task.WhenAll(PumpAsync(process.StandardOutput.BaseStream, log), PumpAsync(process.StandardError.BaseStream, log));
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            await pumps.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return 137;
        }

        await pumps;
        return process.ExitCode;
    }

    /// <summary>Copies a pipe into the log line by line; a trailing partial line is flushed at EOF.</summary>
    private static async Task PumpAsync(Stream stream, ContainerLog log)
    {
        var buffer = new byte[8192];
        var pending = new List<byte>();
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == (byte)'\n')
                {
                    pending.AddRange(buffer.AsSpan(start, i - start + 1));
                    log.Append(pending.ToArray());
                    pending.Clear();
                    start = i + 1;
                }
            }

            pending.AddRange(buffer.AsSpan(start, read - start));
        }

        if (pending.Count > 0)
        {
            log.Append(pending.ToArray());
        }
    }

    private static string ShellQuote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Kubernetes' <c>$(VAR)</c> expansion in command, args and env values; <c>$$</c> escapes.</summary>
    private static string Expand(string text, Dictionary<string, string> env) =>
        VariableReference().Replace(text, m => m.Value == "$$" ? "$" : env.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    /// <summary>The downward API's env fieldRef paths (incl. <c>metadata.labels['k']</c>, which Indexed Jobs use for their index).</summary>
    private static string FieldRef(JsonObject pod, string? path)
    {
        if (path is not null && FieldRefSubscript().Match(path) is { Success: true } m)
        {
            return KubeObjects.Str(pod["metadata"]?[m.Groups[1].Value]?[m.Groups[2].Value]) ?? string.Empty;
        }

        return path switch
        {
            "metadata.name" => KubeObjects.Name(pod) ?? string.Empty,
            "metadata.namespace" => KubeObjects.Namespace(pod) ?? string.Empty,
            "metadata.uid" => KubeObjects.Uid(pod) ?? string.Empty,
            "spec.nodeName" => KubeObjects.Str(pod["spec"]?["nodeName"]) ?? string.Empty,
            "spec.serviceAccountName" => KubeObjects.Str(pod["spec"]?["serviceAccountName"]) ?? string.Empty,
            _ => string.Empty,
        };
    }

    private JsonObject? Snapshot(string ns, string name, string uid)
    {
        lock (store.Gate)
        {
            var pod = store.Live(ResourceType.Pods, ns, name);
            return pod is not null && KubeObjects.Uid(pod) == uid ? (JsonObject)pod.DeepClone() : null;
        }
    }

    private void Update(string ns, string name, string uid, Action<JsonObject> mutate)
    {
        lock (store.Gate)
        {
            var pod = store.Live(ResourceType.Pods, ns, name);
            if (pod is null || KubeObjects.Uid(pod) != uid)
            {
                return;
            }

            mutate(pod);
            store.Modified(ResourceType.Pods, pod);
        }
    }

    private void Finish(string ns, string name, string uid, PodExecution execution, Action<JsonObject> mutate)
    {
        lock (store.Gate)
        {
            // Finished before Modified: a pod already marked for deletion is then removed by the store.
            execution.Finished = true;
            var pod = store.Live(ResourceType.Pods, ns, name);
            if (pod is null || KubeObjects.Uid(pod) != uid)
            {
                return;
            }

            mutate(pod);
            store.Modified(ResourceType.Pods, pod);
        }
    }
}
