namespace Jobman.Kubernetes;

/// <summary>The basics of a Job's status conditions that every plugin reads the same way.</summary>
public static class JobConditions
{
    /// <summary>Whether a condition ends the job: <c>Complete</c> or <c>Failed</c> with status True.</summary>
    /// <param name="type">The condition type.</param>
    /// <param name="status">The condition status.</param>
    /// <returns>True when the condition says the job has finished.</returns>
    public static bool IsFinished(string? type, string? status) =>
        type is "Complete" or "Failed" && string.Equals(status, "True", StringComparison.OrdinalIgnoreCase);
}
