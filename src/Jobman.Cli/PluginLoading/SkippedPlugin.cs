namespace Jobman.Cli.PluginLoading;

/// <summary>A plugin that was not used, and why.</summary>
/// <param name="Candidate">Where it was found.</param>
/// <param name="Reason">One line for the user.</param>
public sealed record SkippedPlugin(PluginCandidate Candidate, string Reason);
