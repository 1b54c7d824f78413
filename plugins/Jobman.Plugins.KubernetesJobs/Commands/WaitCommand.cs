using Jobman.Core.Commands;
using Jobman.Kubernetes;
using Jobman.Plugins.KubernetesJobs.Cluster;
using Jobman.Plugins.KubernetesJobs.History;

namespace Jobman.Plugins.KubernetesJobs.Commands;

/// <summary><c>jobman wait</c>: blocks until a job ends; the exit code says how it ended.</summary>
internal sealed class WaitCommand(JobsApiFactory apis, JobTimings timings, JobJournalHook journal) : ICommand
{
    public CommandSpec Spec { get; } = new("wait", "Wait until a job ends: exit 0 when it succeeded, 1 when it failed or the timeout passed.")
    {
        Options =
        [
            new OptionSpec("job-name", "The job.") { ShortName = 'j', ValueName = "NAME", Required = true },
            OptionSpec.Value("timeout", "DURATION", "Give up after this long, e.g. 30s, 10m, 2h (default: wait until the job ends or Ctrl+C)."),
            .. KubernetesOptions.All,
        ],
    };

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var name = Jobman.Kubernetes.Names.JobName.Required(invocation);
        var timeout = invocation.Value("timeout") is { } text ? DurationText.Parse(text, "--timeout") : (TimeSpan?)null;
        var api = apis.Connect(invocation);
        using var connection = api.Connection;
        var state = await new JobWaiter(api, timings, journal).WaitAsync(name, timeout, cancellationToken).ConfigureAwait(false);
        var (line, code) = JobWaiter.Describe(name.Value, state);
        invocation.Output.WriteLine(line, code == 0 ? Jobman.Core.Output.Tone.Good : Jobman.Core.Output.Tone.Bad);
        return code;
    }
}
