namespace Jobman.Core.History;

/// <summary>A log copy kept on this machine.</summary>
/// <param name="JobName">The job.</param>
/// <param name="Pod">The pod the log came from.</param>
/// <param name="Files">The files holding the copy, to print in this order.</param>
/// <param name="KeptBytes">How many bytes the files hold.</param>
/// <param name="StreamedBytes">How many bytes were streamed (more than kept when the per-job bound dropped the oldest).</param>
/// <param name="Whole">True when the streaming reached the end of the container's log.</param>
/// <param name="Written">When the copy was last written.</param>
public sealed record KeptLog(string JobName, string Pod, IReadOnlyList<string> Files, long KeptBytes, long StreamedBytes, bool Whole, DateTimeOffset Written);
