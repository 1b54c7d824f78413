using Jobman.Core.Commands;
using Jobman.Core.History;
using Jobman.Core.Plugins;
using Jobman.Plugins.History.Commands;
using Jobman.Plugins.History.Journal;
using Jobman.Plugins.History.Logs;
using Microsoft.Extensions.DependencyInjection;

[assembly: JobmanPlugin(typeof(Jobman.Plugins.History.HistoryPlugin))]

namespace Jobman.Plugins.History;

/// <summary>Entry point of the History plugin: the local job journal, kept logs and <c>jobman history</c>.</summary>
public sealed class HistoryPlugin : IJobmanPlugin
{
    public IReadOnlyList<string> SettingsSections => [HistorySettings.SectionName];

    public void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<JournalLocation>();
        services.AddSingleton<KeptLogStore>();
        // By type, not by factory: the host then knows that a command taking IJobJournal needs this plugin only.
        services.AddSingleton<IJobJournal, SqliteJobJournal>();
        services.AddSingleton<ICommand, HistoryCommand>();
    }
}
