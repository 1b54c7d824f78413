namespace Jobman.Plugins.KubernetesQueue.Model;

/// <summary>The job phases the queue distinguishes; anything else only counts in the total.</summary>
internal static class QueuePhases
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Suspended = "Suspended";

    /// <summary>Normalises a phase written by any publisher (the original compared case-sensitively).</summary>
    public static string? Normalize(string? phase) => phase switch
    {
        null or "" => null,
        _ when phase.Equals(Pending, StringComparison.OrdinalIgnoreCase) => Pending,
        _ when phase.Equals(Running, StringComparison.OrdinalIgnoreCase) => Running,
        _ => phase,
    };
}
