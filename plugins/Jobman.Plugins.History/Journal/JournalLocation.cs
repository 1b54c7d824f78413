using Jobman.Core.Hosting;

namespace Jobman.Plugins.History.Journal;

/// <summary>Where the journal and the kept logs live: <c>~/.jobman/history.db</c> and <c>~/.jobman/logs/</c>.</summary>
internal sealed class JournalLocation(JobmanEnvironment environment)
{
    public string Folder { get; } = Path.Combine(environment.HomeDirectory, ".jobman");

    public string DatabaseFile => Path.Combine(Folder, "history.db");

    public string LogsFolder => Path.Combine(Folder, "logs");

    /// <summary>The path as the user knows it (<c>~/.jobman/history.db</c>), for messages.</summary>
    public string ShownDatabaseFile => Shown(DatabaseFile);

    public string Shown(string path) =>
        path.StartsWith(environment.HomeDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? "~" + path[environment.HomeDirectory.Length..]
            : path;
}
