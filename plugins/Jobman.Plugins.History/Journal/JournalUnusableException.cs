namespace Jobman.Plugins.History.Journal;

/// <summary>The journal file cannot be used (damaged, written by a newer jobman, not writable); the message says why in one line.</summary>
internal sealed class JournalUnusableException(string message, Exception? inner = null) : Exception(message, inner);
