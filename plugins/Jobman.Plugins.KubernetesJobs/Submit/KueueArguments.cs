using Jobman.Core;
using Jobman.Kubernetes.Names;

namespace Jobman.Plugins.KubernetesJobs.Submit;

/// <summary>
/// <c>--queue</c> (else settings <c>job.queue</c>) and <c>--priority</c>, checked before anything is sent: both become
/// label values naming objects (a LocalQueue, a WorkloadPriorityClass), so each must be a valid object name that also
/// fits a label value (at most 63 characters).
/// </summary>
internal static class KueueArguments
{
    public static (string? Queue, string? Priority) Parse(string? queueOption, string? queueSetting, string? priorityOption)
    {
        var queue = queueOption is not null
            ? Name(queueOption, "LocalQueue", "--queue")
            : string.IsNullOrEmpty(queueSetting) ? null : Name(queueSetting, "LocalQueue", "settings job.queue");
        if (priorityOption is not null && queue is null)
        {
            throw JobmanException.Usage("--priority sets a Kueue WorkloadPriorityClass, which needs a queue: add --queue LOCALQUEUE or set job.queue");
        }

        return (queue, priorityOption is null ? null : Name(priorityOption, "WorkloadPriorityClass", "--priority"));
    }

    private static string Name(string text, string kind, string source)
    {
        var name = ObjectName.Parse(text, kind, source).Value;
        return LabelRules.IsValidValue(name)
            ? name
            : throw JobmanException.Usage($"{kind} name '{name}' ({source}) is longer than 63 characters, the most a label value may hold");
    }
}
