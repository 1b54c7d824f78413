namespace Jobman.Sandbox.Kubernetes;

/// <summary>How the simulated kubelet runs every pod of a job.</summary>
public abstract record JobScenario
{
    /// <summary>Default: runs the container's command + args as <c>/bin/sh -c</c> locally with its env; output is the log.</summary>
    public static JobScenario RunCommand { get; } = new RunCommandScenario();

    /// <summary>Never scheduled: PodScheduled False, reason Unschedulable (as the real scheduler reports).</summary>
    public static JobScenario Pending { get; } = new UnschedulableScenario();

    /// <summary>Never scheduled because the node lacks <paramref name="resource"/> (the scheduler's "Insufficient" message).</summary>
    public static JobScenario InsufficientResource(string resource) => new UnschedulableScenario { Resource = resource };

    /// <summary>Same as <see cref="Pending"/>.</summary>
    public static JobScenario Unschedulable => Pending;

    /// <summary>Scheduled but stuck creating the container (waiting reason ContainerCreating).</summary>
    public static JobScenario ContainerCreating { get; } = new ContainerCreatingScenario();

    /// <summary>Scheduled, image cannot be pulled: waiting reason ImagePullBackOff.</summary>
    public static JobScenario ImagePullBackOff { get; } = new ImagePullBackOffScenario();

    /// <summary>Runs, then is killed for memory: terminated reason OOMKilled, exit code 137.</summary>
    public static JobScenario OomKilled { get; } = new OomKilledScenario();

    /// <summary>Runs until <see cref="JobScenarios.Release"/> is called for the job.</summary>
    public static JobScenario Hold { get; } = new HoldScenario();

    /// <summary>
    /// Indexed Jobs: each pod follows <c>scenarioOf(index)</c> of its completion index, e.g.
    /// <c>ByIndex(i =&gt; i == 2 ? Exit(1) : RunCommand)</c> makes index 2 fail on every attempt.
    /// </summary>
    public static JobScenario ByIndex(Func<int, JobScenario> scenarioOf) => new ByIndexScenario(scenarioOf);

    /// <summary>Runs, prints <paramref name="log"/>, exits with <paramref name="exitCode"/>.</summary>
    public static JobScenario Exit(int exitCode, string log = "") => new ExitScenario(exitCode, log);
}
