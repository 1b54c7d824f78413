namespace Jobman.Plugins.History.Journal;

/// <summary>What a prune removed: how many journal entries, and the file stems of their kept logs.</summary>
internal sealed record Pruned(int Jobs, List<string> LogStems);
