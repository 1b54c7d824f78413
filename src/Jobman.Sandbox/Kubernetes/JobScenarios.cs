using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>Per job name (any namespace): which <see cref="JobScenario"/> its pods follow.</summary>
public sealed class JobScenarios
{
    private readonly ConcurrentDictionary<string, JobScenario> _byJob = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<int>> _holds = new(StringComparer.Ordinal);
    private volatile Func<JsonObject, JobScenario?>? _byPod;

    public JobScenarios For(string jobName, JobScenario scenario)
    {
        _byJob[jobName] = scenario;
        return this;
    }

    /// <summary>For pods of jobs without a scenario of their own: <paramref name="rule"/> picks one from the pod (null: run it).</summary>
    public JobScenarios ForOtherPods(Func<JsonObject, JobScenario?> rule)
    {
        _byPod = rule;
        return this;
    }

    public JobScenario Get(string? jobName) =>
        jobName is not null && _byJob.TryGetValue(jobName, out var scenario) ? scenario : JobScenario.RunCommand;

    internal JobScenario Get(string? jobName, JsonObject pod) =>
        jobName is not null && _byJob.TryGetValue(jobName, out var scenario) ? scenario : _byPod?.Invoke(pod) ?? JobScenario.RunCommand;

    /// <summary>Lets held pods of the job (current and future) exit with <paramref name="exitCode"/>.</summary>
    public void Release(string jobName, int exitCode = 0) => HoldFor(jobName).TrySetResult(exitCode);

    internal Task<int> WaitForRelease(string jobName) => HoldFor(jobName).Task;

    private TaskCompletionSource<int> HoldFor(string jobName) =>
        _holds.GetOrAdd(jobName, _ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously));
}
